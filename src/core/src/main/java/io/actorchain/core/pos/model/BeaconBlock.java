package io.actorchain.core.pos.model;

import io.actorchain.core.codec.Canonical;
import io.actorchain.core.codec.CanonicalReader;
import io.actorchain.core.codec.CanonicalWriter;
import io.actorchain.core.codec.Hash32;
import io.actorchain.core.codec.MalformedEncodingException;
import io.actorchain.core.crypto.Signature;
import java.util.Objects;

/**
 * {@code Block{header, body, sig}} (CONSENSUS.md §5.2): the proposer signs {@code root(header)} with domain PROPOSER,
 * and the header commits to the body through {@code bodyRoot}. The block's identity, {@link #root()}, is the header's
 * root, computed once.
 */
public final class BeaconBlock implements Canonical {
  private final BeaconBlockHeader header;
  private final BeaconBlockBody body;
  private final Signature sig;
  private final Hash32 root;
  private byte[] encoded; // benign race: every thread computes the same bytes

  public BeaconBlock(BeaconBlockHeader header, BeaconBlockBody body, Signature sig) {
    this.header = Objects.requireNonNull(header, "header");
    this.body = Objects.requireNonNull(body, "body");
    this.sig = Objects.requireNonNull(sig, "sig");
    this.root = header.root();
  }

  public BeaconBlockHeader header() {
    return header;
  }

  public BeaconBlockBody body() {
    return body;
  }

  public Signature sig() {
    return sig;
  }

  /** The block root: {@code root(header)}. */
  @Override
  public Hash32 root() {
    return root;
  }

  public long slot() {
    return header.slot();
  }

  public long proposerIndex() {
    return header.proposerIndex();
  }

  public Hash32 parentRoot() {
    return header.parentRoot();
  }

  /** The canonical bytes, encoded once (every node of a network relays the same block). Returns a fresh copy. */
  @Override
  public byte[] canonical() {
    byte[] e = encoded;
    if (e == null) {
      e = Canonical.super.canonical();
      encoded = e;
    }
    return e.clone();
  }

  @Override
  public void writeTo(CanonicalWriter w) {
    header.writeTo(w);
    body.writeTo(w);
    sig.writeTo(w);
  }

  public static BeaconBlock read(CanonicalReader r) {
    return new BeaconBlock(BeaconBlockHeader.read(r), BeaconBlockBody.read(r), Signature.read(r));
  }

  /** Strict decode: MalformedEncodingException on truncation, trailing bytes or garbage. */
  public static BeaconBlock decode(byte[] bytes) {
    CanonicalReader r = new CanonicalReader(bytes);
    BeaconBlock b = read(r);
    r.expectEnd();
    if (!b.body.root().equals(b.header.bodyRoot())) {
      throw new MalformedEncodingException("body root " + b.body.root().shortHex() + " does not match the header's "
          + b.header.bodyRoot().shortHex());
    }
    return b;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof BeaconBlock b && b.root.equals(root);
  }

  @Override
  public int hashCode() {
    return root.hashCode();
  }

  @Override
  public String toString() {
    return "BeaconBlock(slot " + header.slot() + ", " + root.shortHex() + ")";
  }
}
