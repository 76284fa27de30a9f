package io.actorchain.node.net;

import io.actorchain.core.codec.Hash32;

/**
 * The ids of recently seen gossip, for dedupe: about the last {@code capacity} ids are remembered (at least
 * {@code capacity / 2}, at most {@code capacity}). Ids are SHA-256 roots, so their first 8 bytes serve as the key; two
 * different ids that agree on those 8 bytes would count as one, with probability about {@code capacity / 2^64} per
 * lookup. In two generations of open-addressed {@code long} tables, so a lookup allocates nothing: the young one takes
 * new ids, and when it holds {@code capacity / 2} it becomes the old one and the previous old one is forgotten.
 * Single owner, like the actor that holds it.
 */
public final class RecentIds {
  private static final long EMPTY = 0; // a key of 0 is stored as 1: see key()

  private final int generation;
  private long[] young;
  private long[] old;
  private int youngSize;

  public RecentIds(int capacity) {
    if (capacity < 2) {
      throw new IllegalArgumentException("capacity must be at least 2, got " + capacity);
    }
    this.generation = capacity / 2;
    int tableSize = Integer.highestOneBit(generation * 2 - 1) << 1; // a power of two, at most half full
    this.young = new long[tableSize];
    this.old = new long[tableSize];
  }

  /** Remembers {@code id}; true if it was not seen recently (the first sight). */
  public boolean add(Hash32 id) {
    long k = key(id);
    if (contains(old, k)) {
      return false;
    }
    int mask = young.length - 1;
    for (int i = mix(k) & mask; ; i = (i + 1) & mask) {
      long v = young[i];
      if (v == k) {
        return false;
      }
      if (v == EMPTY) {
        young[i] = k;
        if (++youngSize >= generation) {
          long[] recycled = old;
          old = young;
          java.util.Arrays.fill(recycled, EMPTY);
          young = recycled;
          youngSize = 0;
        }
        return true;
      }
    }
  }

  /** Forgets everything. */
  public void clear() {
    java.util.Arrays.fill(young, EMPTY);
    java.util.Arrays.fill(old, EMPTY);
    youngSize = 0;
  }

  private static boolean contains(long[] table, long k) {
    int mask = table.length - 1;
    for (int i = mix(k) & mask; ; i = (i + 1) & mask) {
      long v = table[i];
      if (v == k) {
        return true;
      }
      if (v == EMPTY) {
        return false;
      }
    }
  }

  private static long key(Hash32 id) {
    long k = id.firstU64le();
    return k == EMPTY ? 1 : k;
  }

  private static int mix(long k) {
    return (int) (k ^ (k >>> 32));
  }
}
