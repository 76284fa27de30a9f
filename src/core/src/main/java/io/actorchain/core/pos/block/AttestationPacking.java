package io.actorchain.core.pos.block;

import io.actorchain.core.codec.Hash32;
import io.actorchain.core.pos.model.Attestation;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Set;

/**
 * Chooses a block's attestations (CONSENSUS.md §5.7): valid ones that still set a flag, best first, up to
 * MAX_ATTESTATIONS. "Best" is the proposer reward numerator of the flags it would newly set; ties go to the lower
 * validator index, then the lower data root, then the lower signature, so the choice is deterministic. A lazy greedy
 * pass: a candidate whose value dropped because an earlier pick set some of its flags is re-queued at its new value.
 */
final class AttestationPacking {
  private record Scored(Attestation attestation, long value, Hash32 dataRoot) {}

  private static final Comparator<Scored> BEST_FIRST = Comparator.comparingLong(Scored::value).reversed()
      .thenComparingLong(s -> s.attestation().validatorIndex())
      .thenComparing(Scored::dataRoot)
      .thenComparing(s -> s.attestation().sig());

  private AttestationPacking() {}

  /** Applies the chosen attestations to {@code t}'s state and returns them in the order applied. */
  static List<Attestation> pack(BlockTransition t, List<Attestation> candidates) {
    PriorityQueue<Scored> queue = new PriorityQueue<>(BEST_FIRST);
    Set<Hash32> seen = new HashSet<>(); // membership only
    long slot = t.state.slot();
    long current = t.config.epochOf(slot);
    for (Attestation a : candidates) {
      boolean inWindow = AttestationRules.checkTargetEpoch(a.data(), current, t.config).isEmpty()
          && AttestationRules.checkInclusionWindow(a.data(), slot, t.config).isEmpty()
          && a.validatorIndex() >= 0 && a.validatorIndex() < t.state.validatorCount();
      if (!inWindow) {
        continue;
      }
      int newFlags = t.newFlags(a); // most candidates set nothing new: they are dropped before the dedupe below
      if (newFlags == 0 || !seen.add(a.root())
          || AttestationRules.validateForBlock(t.state, a, t.config, t.sigs).isPresent()) {
        continue;
      }
      queue.add(new Scored(a, t.proposerRewardNumerator((int) a.validatorIndex(), newFlags), a.data().root()));
    }
    List<Attestation> chosen = new ArrayList<>();
    while (!queue.isEmpty() && chosen.size() < t.config.maxAttestations()) {
      Scored top = queue.poll();
      int newFlags = t.newFlags(top.attestation());
      if (newFlags == 0) {
        continue;
      }
      long value = t.proposerRewardNumerator((int) top.attestation().validatorIndex(), newFlags);
      if (value < top.value()) {
        queue.add(new Scored(top.attestation(), value, top.dataRoot()));
        continue;
      }
      t.applyAttestation(top.attestation());
      chosen.add(top.attestation());
    }
    return chosen;
  }
}
