package io.actorchain.core.pow;

import io.actorchain.core.codec.Hash32;
import io.actorchain.core.crypto.Address;
import java.util.List;

/** The genesis block of the PoW chain; its state is the caller's {@code LedgerState.genesis(...)}. */
public final class PowGenesis {
  private PowGenesis() {}

  /** Height 0, parent and miner zero, the configured genesis target, coinbase 0, no transactions, nonce 0. */
  public static PowBlock block(PowParams p, long timestamp) {
    PowHeader header = new PowHeader(0, Hash32.ZERO, timestamp, p.genesisTarget(), PowBlock.txRoot(0, List.of()),
        Address.ZERO, 0);
    return new PowBlock(header, 0, List.of());
  }
}
