package io.actorchain.core.pow;

import io.actorchain.core.codec.Canonical;
import io.actorchain.core.codec.CanonicalReader;
import io.actorchain.core.codec.CanonicalWriter;
import io.actorchain.core.codec.Hash32;
import io.actorchain.core.codec.Sha256;
import io.actorchain.core.crypto.Address;
import io.actorchain.core.tx.Transaction;
import java.util.List;
import java.util.Objects;

/**
 * A proof-of-work block: its header, the coinbase amount credited to {@code header.miner}, and its transactions.
 * Immutable; its hash ({@code header.powHash()}) is computed once, and blocks are equal iff their hashes are.
 */
public final class PowBlock implements Canonical {
  private final PowHeader header;
  private final long coinbase;
  private final List<Transaction> transactions;
  private final Hash32 hash;

  public PowBlock(PowHeader header, long coinbase, List<Transaction> transactions) {
    this.header = Objects.requireNonNull(header, "header");
    this.coinbase = coinbase;
    this.transactions = List.copyOf(transactions);
    this.hash = header.powHash();
  }

  /**
   * The root that binds the body to the header: {@code root(u64le(coinbase) || list of transaction ids)}, the list
   * u32-length-prefixed.
   */
  public static Hash32 txRoot(long coinbase, List<Transaction> txs) {
    CanonicalWriter w = new CanonicalWriter(12 + Hash32.WIDTH * txs.size());
    w.u64le(coinbase);
    w.list(txs, (out, tx) -> tx.id().writeTo(out));
    return Sha256.hash(w.toByteArray());
  }

  public PowHeader header() {
    return header;
  }

  public long coinbase() {
    return coinbase;
  }

  public List<Transaction> transactions() {
    return transactions;
  }

  /** The block hash: {@code header.powHash()}. */
  public Hash32 hash() {
    return hash;
  }

  public long height() {
    return header.height();
  }

  public Hash32 parentHash() {
    return header.parentHash();
  }

  public long timestamp() {
    return header.timestamp();
  }

  public Address miner() {
    return header.miner();
  }

  public Hash32 target() {
    return header.target();
  }

  /** This block with another nonce, as a miner tries them. */
  public PowBlock withNonce(long nonce) {
    return new PowBlock(header.withNonce(nonce), coinbase, transactions);
  }

  @Override
  public void writeTo(CanonicalWriter w) {
    header.writeTo(w);
    w.u64le(coinbase);
    w.list(transactions, (out, tx) -> tx.writeTo(out));
  }

  public static PowBlock read(CanonicalReader r) {
    return new PowBlock(PowHeader.read(r), r.u64le(), r.list(Transaction::read));
  }

  /** Decodes exactly one block; garbage, truncation or trailing bytes are a MalformedEncodingException. */
  public static PowBlock decode(byte[] bytes) {
    return CanonicalReader.decode(bytes, PowBlock::read);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PowBlock other && hash.equals(other.hash);
  }

  @Override
  public int hashCode() {
    return hash.hashCode();
  }

  @Override
  public String toString() {
    return "PowBlock(#" + header.height() + " " + hash.shortHex() + ", parent " + header.parentHash().shortHex()
        + ", " + transactions.size() + " txs)";
  }
}
