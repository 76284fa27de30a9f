package io.actorchain.core.state;

import io.actorchain.core.codec.Canonical;
import io.actorchain.core.codec.CanonicalReader;
import io.actorchain.core.codec.CanonicalWriter;
import io.actorchain.core.crypto.PubKey;
import java.util.Objects;

/**
 * One validator in the registry the PoW chain carries for the merge (CONSENSUS.md §2, §4): the genesis validators
 * from config, then deposits in inclusion order. Its index in the registry is its validator index.
 */
public record RegistryEntry(PubKey pubkey, long stake, boolean exitRequested) implements Canonical {
  public RegistryEntry {
    Objects.requireNonNull(pubkey, "pubkey");
  }

  public static RegistryEntry of(PubKey pubkey, long stake) {
    return new RegistryEntry(pubkey, stake, false);
  }

  public RegistryEntry withStake(long newStake) {
    return new RegistryEntry(pubkey, newStake, exitRequested);
  }

  public RegistryEntry withExitRequested() {
    return new RegistryEntry(pubkey, stake, true);
  }

  @Override
  public void writeTo(CanonicalWriter w) {
    pubkey.writeTo(w);
    w.u64le(stake).bool(exitRequested);
  }

  public static RegistryEntry read(CanonicalReader r) {
    return new RegistryEntry(PubKey.read(r), r.u64le(), r.bool());
  }
}
