package io.actorchain.core.pow;

import io.actorchain.core.codec.Canonical;
import io.actorchain.core.codec.CanonicalReader;
import io.actorchain.core.codec.CanonicalWriter;
import io.actorchain.core.codec.Hash32;
import io.actorchain.core.codec.Sha256;
import io.actorchain.core.crypto.Address;
import java.util.Objects;

/**
 * {@code {height, parentHash, timestamp(ms), target, txRoot, miner, nonce}} (CONSENSUS.md §3). The canonical form is
 * fixed-width, {@value #ENCODED_LENGTH} bytes, with the nonce last so a miner hashes the prefix once.
 */
public record PowHeader(
    long height, Hash32 parentHash, long timestamp, Hash32 target, Hash32 txRoot, Address miner, long nonce)
    implements Canonical {
  /** Bytes before the nonce: height, parentHash, timestamp, target, txRoot, miner. */
  public static final int NONCE_OFFSET = 8 + Hash32.WIDTH + 8 + Hash32.WIDTH + Hash32.WIDTH + Address.WIDTH;
  public static final int ENCODED_LENGTH = NONCE_OFFSET + 8;

  public PowHeader {
    Objects.requireNonNull(parentHash, "parentHash");
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(txRoot, "txRoot");
    Objects.requireNonNull(miner, "miner");
  }

  /** {@code powHash = H(H(canonical(header)))}; also the block's hash. */
  public Hash32 powHash() {
    return Sha256.hashTwice(canonical());
  }

  public PowHeader withNonce(long newNonce) {
    return new PowHeader(height, parentHash, timestamp, target, txRoot, miner, newNonce);
  }

  @Override
  public void writeTo(CanonicalWriter w) {
    w.u64le(height);
    parentHash.writeTo(w);
    w.u64le(timestamp);
    target.writeTo(w);
    txRoot.writeTo(w);
    miner.writeTo(w);
    w.u64le(nonce);
  }

  @Override
  public byte[] canonical() {
    CanonicalWriter w = new CanonicalWriter(ENCODED_LENGTH);
    writeTo(w);
    return w.toByteArray();
  }

  public static PowHeader read(CanonicalReader r) {
    return new PowHeader(
        r.u64le(), Hash32.read(r), r.u64le(), Hash32.read(r), Hash32.read(r), Address.read(r), r.u64le());
  }

  public static PowHeader decode(byte[] bytes) {
    return CanonicalReader.decode(bytes, PowHeader::read);
  }
}
