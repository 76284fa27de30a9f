package io.actorchain.node.store;

import io.actorchain.core.codec.Hash32;
import io.actorchain.core.crypto.Address;
import io.actorchain.core.crypto.Signature;
import io.actorchain.core.pos.model.BeaconBlock;
import io.actorchain.core.pos.model.BeaconBlockBody;
import io.actorchain.core.pos.model.BeaconBlockHeader;
import io.actorchain.core.pow.PowBlock;
import io.actorchain.core.pow.PowHeader;
import io.actorchain.core.pow.PowParams;
import java.util.List;

/** Small real blocks for the store tests: canonical encodings that core's strict decoders accept. */
final class Blocks {
  private Blocks() {}

  /** A PoW block at {@code height} on {@code parent}; {@code nonce} makes siblings distinct. */
  static PowBlock pow(long height, Hash32 parent, long nonce) {
    long coinbase = 50;
    PowHeader header = new PowHeader(height, parent, 1_000 * height, PowParams.DEFAULT_GENESIS_TARGET,
        PowBlock.txRoot(coinbase, List.of()), Address.ZERO, nonce);
    return new PowBlock(header, coinbase, List.of());
  }

  /** An empty, unsigned beacon block at {@code slot} on {@code parent}. */
  static BeaconBlock beacon(long slot, Hash32 parent) {
    BeaconBlockBody body = new BeaconBlockBody(Signature.EMPTY, List.of(), List.of(), List.of(), List.of());
    BeaconBlockHeader header = new BeaconBlockHeader(slot, slot % 4, parent, Hash32.ZERO, body.root());
    return new BeaconBlock(header, body, Signature.EMPTY);
  }

  /** The roots of {@code blocks}, in order. */
  static List<Hash32> roots(List<StoredBlock> blocks) {
    return blocks.stream().map(StoredBlock::root).toList();
  }
}
