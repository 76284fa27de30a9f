package io.actorchain.core.pos.forkchoice;

import io.actorchain.core.codec.Hash32;
import io.actorchain.core.pos.model.BeaconBlock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The fork-choice store's blocks: a tree of {@link BlockNode}s from the finalized block (the anchor until the first
 * finalization), in insertion order so that a parent always comes before its children, plus the finalized chain's
 * older blocks without their states. Store-private; maps are for lookups only, never iterated for order.
 */
final class BlockTree {
  /** A finalized-chain block whose state was pruned: enough to serve it and walk its ancestry. */
  private record Historic(long slot, Hash32 parentRoot, BeaconBlock block) {}

  private final Map<Hash32, BlockNode> nodes = new HashMap<>();
  private final List<BlockNode> order = new ArrayList<>();
  private final Map<Hash32, Historic> history = new HashMap<>();

  BlockTree(BlockNode root) {
    add(root);
  }

  void add(BlockNode node) {
    node.index = order.size();
    order.add(node);
    nodes.put(node.root, node);
    if (node.parent != null) {
      node.parent.children.add(node);
    }
  }

  /** The node of {@code root}, or null if it is not in the tree (unknown, pruned, or finalized history). */
  BlockNode node(Hash32 root) {
    return nodes.get(root);
  }

  /** The nodes in insertion order: parents before children; the first is the tree's root. */
  List<BlockNode> nodes() {
    return order;
  }

  boolean contains(Hash32 root) {
    return nodes.containsKey(root) || history.containsKey(root);
  }

  /** The block of {@code root} in the tree or the finalized history; null for the anchor or an unknown root. */
  BeaconBlock block(Hash32 root) {
    BlockNode node = nodes.get(root);
    if (node != null) {
      return node.block;
    }
    Historic h = history.get(root);
    return h == null ? null : h.block();
  }

  /** The slot of {@code root}, or −1 if unknown. */
  long slot(Hash32 root) {
    BlockNode node = nodes.get(root);
    if (node != null) {
      return node.slot;
    }
    Historic h = history.get(root);
    return h == null ? -1 : h.slot();
  }

  /** {@code get_ancestor} within the tree: the latest node at or before {@code slot} (or the tree's root). */
  static BlockNode ancestorAt(BlockNode node, long slot) {
    while (node.slot > slot && node.parent != null) {
      node = node.parent;
    }
    return node;
  }

  /**
   * {@code get_ancestor} for any known root, continuing below the tree's root through the finalized history; below
   * the oldest block held it answers that block.
   *
   * @throws IllegalArgumentException if {@code root} is unknown
   */
  Hash32 ancestorAt(Hash32 root, long slot) {
    BlockNode node = nodes.get(root);
    Hash32 r = root;
    if (node != null) {
      node = ancestorAt(node, slot);
      if (node.slot <= slot || node.block == null || !history.containsKey(node.block.parentRoot())) {
        return node.root;
      }
      r = node.block.parentRoot();
    } else if (!history.containsKey(root)) {
      throw new IllegalArgumentException("unknown block " + root.shortHex());
    }
    Historic h = history.get(r);
    while (h.slot() > slot && h.parentRoot() != null && history.containsKey(h.parentRoot())) {
      r = h.parentRoot();
      h = history.get(r);
    }
    return r;
  }

  /**
   * Makes {@code newRoot} the tree's root: its descendants stay, its ancestors move to the finalized history without
   * their states, and every other branch is dropped. Nothing happens if it is not in the tree or already the root.
   */
  void pruneTo(Hash32 newRoot) {
    BlockNode root = nodes.get(newRoot);
    if (root == null || root.parent == null) {
      return;
    }
    for (BlockNode a = root.parent; a != null; a = a.parent) {
      history.put(a.root, new Historic(a.slot, a.parent == null ? null : a.parent.root, a.block));
    }
    List<BlockNode> kept = new ArrayList<>();
    Set<BlockNode> keptSet = Collections.newSetFromMap(new IdentityHashMap<>());
    for (BlockNode node : order) { // parents come before their children
      if (node == root || (node.parent != null && keptSet.contains(node.parent))) {
        kept.add(node);
        keptSet.add(node);
      } else {
        nodes.remove(node.root);
      }
    }
    root.parent.children.remove(root);
    root.parent = null;
    order.clear();
    for (BlockNode node : kept) {
      node.index = order.size();
      order.add(node);
    }
  }
}
