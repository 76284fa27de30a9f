package io.actorchain.core.pos.misc;

import io.actorchain.core.codec.CanonicalWriter;
import io.actorchain.core.codec.Hash32;
import io.actorchain.core.codec.Sha256;
import io.actorchain.core.crypto.Domain;
import io.actorchain.core.pos.ConsensusConfig;
import io.actorchain.core.pos.state.BeaconState;

/** RANDAO mixes and seeds (CONSENSUS.md §5.1), as Ethereum's {@code get_randao_mix} and {@code get_seed}. */
public final class Seeds {
  private Seeds() {}

  /** {@code randaoMixes[epoch % EPOCHS_PER_HISTORICAL_VECTOR]}. */
  public static Hash32 randaoMix(BeaconState s, long epoch, ConsensusConfig c) {
    return s.randaoMixAt(mixIndex(epoch, c));
  }

  /** The vector index of {@code epoch}'s mix: {@code epoch % EPOCHS_PER_HISTORICAL_VECTOR}, unsigned. */
  public static int mixIndex(long epoch, ConsensusConfig c) {
    return (int) Long.remainderUnsigned(epoch, c.epochsPerHistoricalVector());
  }

  /** {@code H(domain || u64le(epoch) || randaoMix(epoch + EPOCHS_PER_HISTORICAL_VECTOR − MIN_SEED_LOOKAHEAD − 1))}. */
  public static Hash32 seed(BeaconState s, long epoch, Domain domain, ConsensusConfig c) {
    Hash32 mix = randaoMix(s, epoch + c.epochsPerHistoricalVector() - c.minSeedLookahead() - 1, c);
    byte[] in = new CanonicalWriter(44).fixed(domain.tag()).u64le(epoch).fixed(mix).toByteArray();
    return Sha256.hash(in);
  }
}
