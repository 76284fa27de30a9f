package io.actorchain.node.store;

import io.actorchain.core.codec.Hash32;
import io.actorchain.core.pos.model.BeaconBlock;
import io.actorchain.core.pow.PowBlock;
import java.util.Objects;

/** A block read back from a {@link ChainStore}, decoded strictly from its canonical encoding. */
public sealed interface StoredBlock {
  /** The key it is stored under: a PoW block's hash, a beacon block's root. */
  Hash32 root();

  /** A proof-of-work block (the canonical encoding {@code Wire.BlockGossip} carries). */
  record Pow(PowBlock block) implements StoredBlock {
    public Pow {
      Objects.requireNonNull(block, "block");
    }

    @Override
    public Hash32 root() {
      return block.hash();
    }
  }

  /** A beacon block (the canonical encoding {@code Wire.BeaconBlockGossip} carries). */
  record Beacon(BeaconBlock block) implements StoredBlock {
    public Beacon {
      Objects.requireNonNull(block, "block");
    }

    @Override
    public Hash32 root() {
      return block.root();
    }
  }
}
