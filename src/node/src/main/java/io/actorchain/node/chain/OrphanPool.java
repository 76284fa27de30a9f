package io.actorchain.node.chain;

import io.actorchain.core.codec.Hash32;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Blocks whose parent is not known yet, keyed by that parent; bounded, oldest dropped first. Owned by ChainActor,
 * for PoW and beacon blocks alike.
 *
 * @param <B> the block type
 */
final class OrphanPool<B> {
  record Pending<B>(B block, int fromNode) {}

  private final int capacity;
  private final Function<B, Hash32> hashOf;
  private final Function<B, Hash32> parentOf;
  private final Map<Hash32, List<Pending<B>>> byParent = new TreeMap<>();
  private final Map<Hash32, Pending<B>> byHash = new TreeMap<>();
  private final Deque<Pending<B>> arrival = new ArrayDeque<>();

  OrphanPool(int capacity, Function<B, Hash32> hashOf, Function<B, Hash32> parentOf) {
    this.capacity = capacity;
    this.hashOf = hashOf;
    this.parentOf = parentOf;
  }

  boolean add(Pending<B> p) {
    Hash32 hash = hashOf.apply(p.block());
    if (byHash.containsKey(hash)) {
      return false;
    }
    byParent.computeIfAbsent(parentOf.apply(p.block()), k -> new ArrayList<>()).add(p);
    byHash.put(hash, p);
    arrival.addLast(p);
    while (arrival.size() > capacity) {
      Pending<B> old = arrival.removeFirst();
      byHash.remove(hashOf.apply(old.block()));
      List<Pending<B>> l = byParent.get(parentOf.apply(old.block()));
      if (l != null) {
        l.remove(old);
        if (l.isEmpty()) {
          byParent.remove(parentOf.apply(old.block()));
        }
      }
    }
    return true;
  }

  /** Removes and returns the orphans waiting for {@code parent}, in arrival order. */
  List<Pending<B>> takeChildrenOf(Hash32 parent) {
    List<Pending<B>> children = byParent.remove(parent);
    if (children == null) {
      return List.of();
    }
    for (Pending<B> c : children) {
      byHash.remove(hashOf.apply(c.block()));
      arrival.remove(c);
    }
    return children;
  }

  /**
   * The block that is really missing behind {@code parent}: follows held orphans back until a parent that is not
   * held. A gap of many blocks is then fetched from its far end, one batch at a time, not once per orphan.
   */
  Hash32 missingRootOf(Hash32 parent) {
    Hash32 root = parent;
    for (Pending<B> p = byHash.get(root); p != null; p = byHash.get(root)) {
      root = parentOf.apply(p.block());
    }
    return root;
  }

  int size() {
    return arrival.size();
  }
}
