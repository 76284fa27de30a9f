package io.actorchain.core.conformance;

import io.actorchain.core.codec.Sha256;
import io.actorchain.core.crypto.PubKey;
import io.actorchain.core.pos.ConsensusConfig;
import io.actorchain.core.pos.model.Validator;
import io.actorchain.core.pos.state.BeaconState;
import io.actorchain.core.state.Accounts;
import java.util.ArrayList;
import java.util.List;

/**
 * Maps a decoded phase0 state onto ActorChain's {@link BeaconState} (CONSENSUS.md §8, step 2).
 *
 * <ul>
 *   <li>Kept as is: slot, genesis time, validators' balances and epochs, slashed flags, balances, block roots, RANDAO
 *       mixes, slashings, justification bits and the three checkpoints.</li>
 *   <li>{@code genesisRoot} is phase0's {@code genesis_validators_root}.</li>
 *   <li>A validator's 32-byte Ed25519-shaped {@link PubKey} is {@code H(pubkey48)}: unique as the BLS keys are,
 *       and never used to verify anything here. Withdrawal credentials are dropped.</li>
 *   <li>Neutral values for what phase0 lacks: participation flags all zero (the runner derives target balances from
 *       the pending attestations instead), inactivity scores zero, no accounts, base fee zero, and no latest block
 *       header (the latest block is the anchor).</li>
 * </ul>
 */
public final class Phase0Mapping {
  private Phase0Mapping() {}

  public static BeaconState toBeaconState(Phase0State s, ConsensusConfig config) {
    requireLength("block_roots", s.blockRoots().length, config.slotsPerHistoricalRoot());
    requireLength("randao_mixes", s.randaoMixes().length, config.epochsPerHistoricalVector());
    requireLength("slashings", s.slashings().length, config.epochsPerSlashingsVector());
    int n = s.validators().size();
    List<Validator> validators = new ArrayList<>(n);
    for (Phase0Validator v : s.validators()) {
      validators.add(toValidator(v));
    }
    return new BeaconState(s.slot(), s.genesisTime(), s.genesisValidatorsRoot(), null, validators, s.balances(),
        s.randaoMixes(), s.blockRoots(), s.slashings(), new byte[n], new byte[n], s.justificationBits(),
        s.previousJustifiedCheckpoint(), s.currentJustifiedCheckpoint(), s.finalizedCheckpoint(), new long[n],
        Accounts.empty(), 0);
  }

  static Validator toValidator(Phase0Validator v) {
    return new Validator(pubKey(v.pubkey()), v.effectiveBalance(), v.slashed(), v.activationEligibilityEpoch(),
        v.activationEpoch(), v.exitEpoch(), v.withdrawableEpoch());
  }

  /** {@code H(pubkey48)}: ActorChain's keys are 32 bytes. */
  public static PubKey pubKey(BlsPubKey key) {
    return PubKey.wrap(Sha256.hash(key.toArray()).toArray());
  }

  private static void requireLength(String field, int actual, long expected) {
    if (actual != expected) {
      throw new IllegalArgumentException("phase0 " + field + " has " + actual + " entries but the config expects "
          + expected + "; decode and config must come from the same preset");
    }
  }
}
