package io.actorchain.node.chain;

import io.actorchain.core.codec.Hash32;
import io.actorchain.core.pow.PowBlock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Blocks whose parent is not known yet, keyed by that parent; bounded, oldest dropped first. Owned by ChainActor. */
final class OrphanPool {
  record Pending(PowBlock block, int fromNode) {}

  private final int capacity;
  private final Map<Hash32, List<Pending>> byParent = new TreeMap<>();
  private final Map<Hash32, Pending> byHash = new TreeMap<>();
  private final Deque<Pending> arrival = new ArrayDeque<>();

  OrphanPool(int capacity) {
    this.capacity = capacity;
  }

  boolean add(Pending p) {
    Hash32 parent = p.block().parentHash();
    List<Pending> siblings = byParent.computeIfAbsent(parent, k -> new ArrayList<>());
    for (Pending b : siblings) {
      if (b.block().hash().equals(p.block().hash())) {
        return false;
      }
    }
    siblings.add(p);
    byHash.put(p.block().hash(), p);
    arrival.addLast(p);
    while (arrival.size() > capacity) {
      Pending old = arrival.removeFirst();
      byHash.remove(old.block().hash());
      List<Pending> l = byParent.get(old.block().parentHash());
      if (l != null) {
        l.remove(old);
        if (l.isEmpty()) {
          byParent.remove(old.block().parentHash());
        }
      }
    }
    return true;
  }

  /** Removes and returns the orphans waiting for {@code parent}, in arrival order. */
  List<Pending> takeChildrenOf(Hash32 parent) {
    List<Pending> children = byParent.remove(parent);
    if (children == null) {
      return List.of();
    }
    arrival.removeIf(b -> b.block().parentHash().equals(parent));
    children.forEach(c -> byHash.remove(c.block().hash()));
    return children;
  }

  /**
   * The block that is really missing behind {@code parent}: follows held orphans back until a parent that is not
   * held. A gap of many blocks is then fetched from its far end, one batch at a time, not once per orphan.
   */
  Hash32 missingRootOf(Hash32 parent) {
    Hash32 root = parent;
    for (Pending p = byHash.get(root); p != null; p = byHash.get(root)) {
      root = p.block().parentHash();
    }
    return root;
  }

  int size() {
    return arrival.size();
  }
}
