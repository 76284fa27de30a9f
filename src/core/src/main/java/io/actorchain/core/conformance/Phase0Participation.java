package io.actorchain.core.conformance;

import io.actorchain.core.codec.Hash32;
import io.actorchain.core.pos.ConsensusConfig;
import io.actorchain.core.pos.misc.Accessors;
import io.actorchain.core.pos.misc.Committees;
import io.actorchain.core.pos.state.BeaconState;
import java.util.BitSet;
import java.util.List;

/**
 * Phase0's target balance of one epoch, from its pending attestations (the spec's
 * {@code get_attesting_balance(state, get_matching_target_attestations(state, epoch))}):
 * <ol>
 *   <li>keep the attestations whose {@code data.target.root == blockRoot(epoch)};</li>
 *   <li>their attesting indices are the members of {@code committee(data.slot, data.index)} whose aggregation bit
 *       is set (CONSENSUS.md §5.1's committees, so the shuffle is under test too);</li>
 *   <li>sum the effective balances of the unslashed ones, each counted once, and take at least one
 *       EFFECTIVE_BALANCE_INCREMENT ({@code get_total_balance}).</li>
 * </ol>
 */
public final class Phase0Participation {
  private Phase0Participation() {}

  /** The target balance of {@code epoch} (previous or current), whose pending attestations are {@code attestations}. */
  public static long targetBalance(BeaconState state, List<PendingAttestation> attestations, long epoch,
      ConsensusConfig config) {
    BitSet attesters = targetAttesters(state, attestations, epoch, config);
    long sum = 0;
    for (int v = attesters.nextSetBit(0); v >= 0; v = attesters.nextSetBit(v + 1)) {
      if (!state.validator(v).slashed()) {
        sum = Math.addExact(sum, state.validator(v).effectiveBalance());
      }
    }
    return Math.max(config.effectiveBalanceIncrement(), sum);
  }

  /** The validator indices (slashed ones included) of the attestations with a matching target. */
  static BitSet targetAttesters(BeaconState state, List<PendingAttestation> attestations, long epoch,
      ConsensusConfig config) {
    Hash32 targetRoot = Accessors.blockRoot(state, epoch, config);
    BitSet attesters = new BitSet(state.validatorCount());
    for (PendingAttestation a : attestations) {
      if (!a.data().target().root().equals(targetRoot)) {
        continue;
      }
      int[] committee = committee(state, a, config);
      if (committee.length != a.bitCount()) {
        throw new IllegalArgumentException("attestation at slot " + a.data().slot() + ", committee "
            + a.data().committeeIndex() + " has " + a.bitCount() + " aggregation bits for a committee of "
            + committee.length);
      }
      for (int i = 0; i < committee.length; i++) {
        if (a.bit(i)) {
          attesters.set(committee[i]);
        }
      }
    }
    return attesters;
  }

  private static int[] committee(BeaconState state, PendingAttestation a, ConsensusConfig config) {
    return Committees.beaconCommittee(state, a.data().slot(), a.data().committeeIndex(), config);
  }
}
