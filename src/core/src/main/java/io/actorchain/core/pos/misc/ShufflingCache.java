package io.actorchain.core.pos.misc;

import io.actorchain.core.codec.Hash32;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * A small least-recently-used cache of {@link EpochShuffling}s, shared by every state and node in the JVM. The key is
 * all that decides a shuffling (the seed, the exact active indices and the constants the committees use), so a hit is
 * always the value a fresh computation would give: the cache changes speed, never results. Thread-safe.
 */
final class ShufflingCache {
  private final Map<Key, EpochShuffling> entries;

  ShufflingCache(int capacity) {
    this.entries = new LinkedHashMap<>(16, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<Key, EpochShuffling> eldest) {
        return size() > capacity;
      }
    };
  }

  /** The cached shuffling for {@code key}, or {@code compute}'s, which is then kept (computed outside the lock). */
  EpochShuffling get(Key key, Supplier<EpochShuffling> compute) {
    synchronized (entries) {
      EpochShuffling hit = entries.get(key);
      if (hit != null) {
        return hit;
      }
    }
    EpochShuffling computed = compute.get();
    synchronized (entries) {
      entries.put(key, computed);
    }
    return computed;
  }

  int size() {
    synchronized (entries) {
      return entries.size();
    }
  }

  /** Everything a shuffling depends on; equal keys give equal shufflings. */
  static final class Key {
    private final Hash32 seed;
    private final long epoch;
    private final long rounds;
    private final long slotsPerEpoch;
    private final long committeesPerSlot;
    private final int[] active;
    private final int hash;

    Key(Hash32 seed, long epoch, long rounds, long slotsPerEpoch, long committeesPerSlot, int[] active) {
      this.seed = seed;
      this.epoch = epoch;
      this.rounds = rounds;
      this.slotsPerEpoch = slotsPerEpoch;
      this.committeesPerSlot = committeesPerSlot;
      this.active = active;
      this.hash = Objects.hash(seed, epoch, rounds, slotsPerEpoch, committeesPerSlot) * 31 + Arrays.hashCode(active);
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Key k && hash == k.hash && epoch == k.epoch && rounds == k.rounds
          && slotsPerEpoch == k.slotsPerEpoch && committeesPerSlot == k.committeesPerSlot && seed.equals(k.seed)
          && Arrays.equals(active, k.active);
    }

    @Override
    public int hashCode() {
      return hash;
    }
  }
}
