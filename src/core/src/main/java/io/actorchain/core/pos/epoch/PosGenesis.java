package io.actorchain.core.pos.epoch;

import io.actorchain.core.codec.Hash32;
import io.actorchain.core.crypto.PubKey;
import io.actorchain.core.pos.ConsensusConfig;
import io.actorchain.core.pos.model.Checkpoint;
import io.actorchain.core.pos.model.Validator;
import io.actorchain.core.pos.state.BeaconState;
import io.actorchain.core.state.Accounts;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

/** The PoS genesis state built from the terminal PoW block {@code T} (CONSENSUS.md §4). */
public final class PosGenesis {
  private PosGenesis() {}

  /** A genesis validator: its key and its stake in gwei, which becomes its balance. */
  public record GenesisValidator(PubKey pubkey, long stake) {
    public GenesisValidator {
      Objects.requireNonNull(pubkey, "pubkey");
      if (stake < 0) {
        throw new IllegalArgumentException("stake must be ≥ 0 gwei, got " + stake);
      }
    }
  }

  /**
   * The genesis state: slot 0; {@code genesisRoot = T.hash}; every validator active from epoch 0 (no churn at
   * genesis), with {@code balance = stake} and {@code effBal = min(stake − stake % INCREMENT, MAX_EFFECTIVE_BALANCE)};
   * every RANDAO mix {@code T.hash}; block roots zero (the first slot records the anchor); the justified and finalized
   * checkpoints {@code (0, T.hash)}; no latest block header (the anchor is the latest block).
   *
   * @param validators in registry order: config validators, then PoW deposits up to {@code T}; their index here is
   *     their validator index, so a pubkey given twice is an error (the PoW registry already merged top-ups)
   * @param terminalTimestampMillis {@code T.timestamp}, in milliseconds
   * @throws IllegalArgumentException if there is no validator, a pubkey repeats or the timestamp is negative
   */
  public static BeaconState create(List<GenesisValidator> validators, Hash32 terminalHash, long terminalTimestampMillis,
      Accounts accounts, long baseFee, ConsensusConfig c) {
    Objects.requireNonNull(terminalHash, "terminalHash");
    Objects.requireNonNull(accounts, "accounts");
    if (validators.isEmpty()) {
      throw new IllegalArgumentException("PoS genesis needs at least one validator");
    }
    int n = validators.size();
    List<Validator> registry = new ArrayList<>(n);
    long[] balances = new long[n];
    TreeSet<PubKey> seen = new TreeSet<>();
    for (int i = 0; i < n; i++) {
      GenesisValidator g = validators.get(i);
      if (!seen.add(g.pubkey())) {
        throw new IllegalArgumentException("genesis validator " + i + " repeats pubkey " + g.pubkey().toHex());
      }
      long effective = c.effectiveBalanceOf(g.stake());
      registry.add(new Validator(g.pubkey(), effective, false, 0, 0, ConsensusConfig.FAR_FUTURE_EPOCH,
          ConsensusConfig.FAR_FUTURE_EPOCH));
      balances[i] = g.stake();
    }
    Hash32[] mixes = new Hash32[Math.toIntExact(c.epochsPerHistoricalVector())];
    Arrays.fill(mixes, terminalHash);
    Hash32[] blockRoots = new Hash32[Math.toIntExact(c.slotsPerHistoricalRoot())];
    Arrays.fill(blockRoots, Hash32.ZERO);
    long[] slashings = new long[Math.toIntExact(c.epochsPerSlashingsVector())];
    Checkpoint anchor = new Checkpoint(0, terminalHash);
    return new BeaconState(0, genesisTime(terminalTimestampMillis, c), terminalHash, null, registry, balances, mixes,
        blockRoots, slashings, new byte[n], new byte[n], 0, anchor, anchor, anchor, new long[n], accounts, baseFee);
  }

  /**
   * {@code genesisTime} in seconds: {@code T.timestamp + 2 × SECONDS_PER_SLOT}, rounded up to a whole second. With
   * {@code T.timestamp} in milliseconds that is {@code ⌈(T.timestamp + 2000 × SECONDS_PER_SLOT) / 1000⌉}, i.e.
   * {@code ⌈T.timestamp / 1000⌉ + 2 × SECONDS_PER_SLOT}.
   */
  public static long genesisTime(long terminalTimestampMillis, ConsensusConfig c) {
    if (terminalTimestampMillis < 0) {
      throw new IllegalArgumentException("terminal timestamp must be ≥ 0 ms, got " + terminalTimestampMillis);
    }
    long millis = Math.addExact(terminalTimestampMillis, Math.multiplyExact(2000L, c.secondsPerSlot()));
    return millis / 1000 + (millis % 1000 == 0 ? 0 : 1);
  }
}
