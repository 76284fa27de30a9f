package io.actorchain.core.pos.forkchoice;

import io.actorchain.core.codec.Hash32;
import java.util.Arrays;
import java.util.BitSet;

/**
 * {@code latestMessages[v] = {epoch, root}} and the {@code equivocating} set of CONSENSUS.md §5.6, in arrays indexed
 * by validator. Store-private.
 */
final class LatestMessages {
  private long[] epochs = new long[0];
  private Hash32[] roots = new Hash32[0];
  private final BitSet equivocating = new BitSet();

  /** Replaces {@code v}'s message if {@code v} is not equivocating and {@code epoch} is newer; true if replaced. */
  boolean update(int v, long epoch, Hash32 root) {
    if (equivocating.get(v)) {
      return false;
    }
    if (v >= roots.length) {
      int n = Math.max(v + 1, roots.length * 2);
      epochs = Arrays.copyOf(epochs, n);
      roots = Arrays.copyOf(roots, n);
    }
    if (roots[v] != null && epoch <= epochs[v]) {
      return false;
    }
    epochs[v] = epoch;
    roots[v] = root;
    return true;
  }

  void markEquivocating(int v) {
    equivocating.set(v);
  }

  boolean isEquivocating(int v) {
    return equivocating.get(v);
  }

  /** The number of validator slots held; {@link #root} is null past the last message. */
  int size() {
    return roots.length;
  }

  /** {@code v}'s latest message root, or null (also for an equivocating validator, whose weight is removed). */
  Hash32 root(int v) {
    return v < roots.length && !equivocating.get(v) ? roots[v] : null;
  }

  /** {@code v}'s latest message target epoch, or −1 if it has none. */
  long epoch(int v) {
    return v < roots.length && roots[v] != null ? epochs[v] : -1;
  }
}
