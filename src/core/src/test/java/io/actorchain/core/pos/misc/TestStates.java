package io.actorchain.core.pos.misc;

import io.actorchain.core.Units;
import io.actorchain.core.codec.Hash32;
import io.actorchain.core.codec.Sha256;
import io.actorchain.core.crypto.PubKey;
import io.actorchain.core.pos.ConsensusConfig;
import io.actorchain.core.pos.model.Checkpoint;
import io.actorchain.core.pos.model.Validator;
import io.actorchain.core.pos.state.BeaconState;
import io.actorchain.core.state.Accounts;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Hand-made beacon states for the PoS tests: validators with given stakes (coins), all active from epoch 0, with
 * {@code effBal = stake}; RANDAO mix {@code i} is {@link #mix(int)}; block root of slot {@code j} is
 * {@link #blockRootOf(long)} for every slot the state holds; checkpoints at {@code (0, GENESIS_ROOT)}.
 */
public final class TestStates {
  public static final Hash32 GENESIS_ROOT = hash("genesis");

  private TestStates() {}

  public static Hash32 hash(String s) {
    return Sha256.hash(s.getBytes(StandardCharsets.UTF_8));
  }

  public static PubKey pubkey(int i) {
    return PubKey.wrap(hash("validator-" + i).toArray());
  }

  public static Hash32 mix(int i) {
    return hash("mix-" + i);
  }

  public static Hash32 blockRootOf(long slot) {
    return hash("block-" + slot);
  }

  public static Validator active(int i, long effectiveBalance) {
    return new Validator(pubkey(i), effectiveBalance, false, 0, 0, ConsensusConfig.FAR_FUTURE_EPOCH,
        ConsensusConfig.FAR_FUTURE_EPOCH);
  }

  /** A state at {@code slot} whose validator {@code i} has {@code stakesInCoins[i]} as balance and effective balance. */
  public static BeaconState state(ConsensusConfig c, long slot, long... stakesInCoins) {
    int n = stakesInCoins.length;
    List<Validator> validators = new ArrayList<>();
    long[] balances = new long[n];
    for (int i = 0; i < n; i++) {
      balances[i] = Units.coins(stakesInCoins[i]);
      validators.add(active(i, balances[i]));
    }
    Hash32[] mixes = new Hash32[(int) c.epochsPerHistoricalVector()];
    for (int i = 0; i < mixes.length; i++) {
      mixes[i] = mix(i);
    }
    Hash32[] roots = new Hash32[(int) c.slotsPerHistoricalRoot()];
    for (int i = 0; i < roots.length; i++) {
      roots[i] = Hash32.ZERO;
    }
    for (long j = Math.max(0, slot - roots.length); j < slot; j++) {
      roots[(int) (j % roots.length)] = blockRootOf(j);
    }
    Checkpoint genesis = new Checkpoint(0, GENESIS_ROOT);
    return new BeaconState(slot, 0, GENESIS_ROOT, null, validators, balances, mixes, roots,
        new long[(int) c.epochsPerSlashingsVector()], new byte[n], new byte[n], 0, genesis, genesis, genesis,
        new long[n], Accounts.empty(), 1);
  }

  /** {@code n} validators of {@code coins} each. */
  public static BeaconState uniform(ConsensusConfig c, long slot, int n, long coins) {
    long[] stakes = new long[n];
    java.util.Arrays.fill(stakes, coins);
    return state(c, slot, stakes);
  }

  /** The last slot of {@code epoch}, where its epoch processing runs. */
  public static long lastSlot(ConsensusConfig c, long epoch) {
    return c.startSlot(epoch + 1) - 1;
  }
}
