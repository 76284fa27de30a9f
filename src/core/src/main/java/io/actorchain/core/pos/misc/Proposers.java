package io.actorchain.core.pos.misc;

import io.actorchain.core.codec.CanonicalWriter;
import io.actorchain.core.codec.Hash32;
import io.actorchain.core.codec.Sha256;
import io.actorchain.core.crypto.Domain;
import io.actorchain.core.pos.ConsensusConfig;
import io.actorchain.core.pos.state.BeaconState;

/** Proposer selection (CONSENSUS.md §5.1): {@code ethereum} (Electra's 16-bit acceptance test) or {@code roulette}. */
public final class Proposers {
  /** {@code 2^16 − 1}: the largest 2-byte random value. */
  static final long MAX_RANDOM_VALUE = 0xFFFF;

  private Proposers() {}

  /**
   * The proposer of {@code slot}, drawn by the config's {@code proposerSelection} from {@code active(epoch(slot))}
   * with {@code ps = H(seed(state, epoch(slot), PROPOSER) || u64le(slot))}. The state must already be advanced to
   * {@code slot}'s epoch (block processing step 1), since epoch processing changes effective balances and the active
   * set; any slot of the state's current epoch gives the same answer as the state advanced to that slot.
   *
   * @throws IllegalArgumentException if {@code slot} is not in the state's current epoch
   * @throws IllegalStateException if no validator is active, or (roulette) the active stake is zero
   */
  public static int beaconProposerIndex(BeaconState s, long slot, ConsensusConfig c) {
    long epoch = c.epochOf(slot);
    long current = Accessors.currentEpoch(s, c);
    if (epoch != current) {
      throw new IllegalArgumentException("the proposer of slot " + slot + " (epoch " + epoch
          + ") needs the state advanced to that epoch; it is at epoch " + current);
    }
    if (s.derivedFor(new ProposerOf(slot)) instanceof Memo m && m.config().equals(c)) {
      return m.proposer();
    }
    int[] active = Accessors.activeValidatorIndices(s, epoch);
    if (active.length == 0) {
      throw new IllegalStateException("no active validator at epoch " + epoch);
    }
    int proposer = computeProposerIndex(s, active, proposerSeed(s, slot, c), c);
    s.rememberDerived(new ProposerOf(slot), new Memo(c, proposer));
    return proposer;
  }

  /** The key of a slot's proposer among a state's derived values: it depends on the registry and the RANDAO mixes. */
  private record ProposerOf(long slot) {}

  /** A proposer remembered on the state it was drawn from, with the constants it was drawn with. */
  private record Memo(ConsensusConfig config, int proposer) {}

  /** {@code ps = H(seed(state, epoch(slot), PROPOSER) || u64le(slot))}. */
  public static Hash32 proposerSeed(BeaconState s, long slot, ConsensusConfig c) {
    Hash32 epochSeed = Seeds.seed(s, c.epochOf(slot), Domain.PROPOSER, c);
    return Sha256.hash(new CanonicalWriter(40).fixed(epochSeed).u64le(slot).toByteArray());
  }

  /** Draws from {@code indices} (non-empty) with seed {@code ps}, by the config's selection rule. */
  public static int computeProposerIndex(BeaconState s, int[] indices, Hash32 ps, ConsensusConfig c) {
    return switch (c.proposerSelection()) {
      case ETHEREUM -> ethereumProposerIndex(s, indices, ps, c);
      case ROULETTE -> rouletteProposerIndex(s, indices, ps);
    };
  }

  /**
   * {@code ethereum}: candidates in shuffled order, each accepted when
   * {@code effBal × 65535 ≥ MAX_EFFECTIVE_BALANCE × rv}, with {@code rv} the 2 little-endian bytes at offset
   * {@code (i % 16) × 2} of {@code H(ps || u64le(i // 16))} (Electra's {@code compute_proposer_index}).
   */
  public static int ethereumProposerIndex(BeaconState s, int[] indices, Hash32 ps, ConsensusConfig c) {
    int n = requireNonEmpty(indices);
    SwapOrNot permutation = new SwapOrNot(ps, n, c.shuffleRoundCount());
    Hash32 random = null;
    for (long i = 0; ; i++) {
      int candidate = indices[(int) permutation.shuffledIndex(i % n)];
      int offset = (int) (i % 16) * 2;
      if (offset == 0) {
        random = Sha256.hash(new CanonicalWriter(40).fixed(ps).u64le(i / 16).toByteArray());
      }
      long rv = (random.get(offset) & 0xff) | (random.get(offset + 1) & 0xff) << 8;
      long effectiveBalance = s.validator(candidate).effectiveBalance();
      if (ExactMath.compareProducts(effectiveBalance, MAX_RANDOM_VALUE, c.maxEffectiveBalance(), rv) >= 0) {
        return candidate;
      }
    }
  }

  /**
   * {@code roulette}: {@code r = bytesToU64(ps[0:8]) % Σ effBal}; walk {@code indices} in order, subtracting each
   * effective balance, and return the first {@code v} with {@code r < effBal(v)}.
   */
  public static int rouletteProposerIndex(BeaconState s, int[] indices, Hash32 ps) {
    requireNonEmpty(indices);
    long total = 0;
    for (int v : indices) {
      total = Math.addExact(total, s.validator(v).effectiveBalance());
    }
    if (total == 0) {
      throw new IllegalStateException("roulette over zero active stake");
    }
    long r = Long.remainderUnsigned(ps.firstU64le(), total);
    for (int v : indices) {
      long effectiveBalance = s.validator(v).effectiveBalance();
      if (r < effectiveBalance) {
        return v;
      }
      r -= effectiveBalance;
    }
    throw new IllegalStateException("roulette walked past the total stake"); // unreachable: r < total
  }

  private static int requireNonEmpty(int[] indices) {
    if (indices.length == 0) {
      throw new IllegalStateException("no candidate proposers");
    }
    return indices.length;
  }
}
