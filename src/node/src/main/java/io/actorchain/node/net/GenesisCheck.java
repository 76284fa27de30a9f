package io.actorchain.node.net;

import io.actorchain.core.Units;
import io.actorchain.core.codec.Sha256;
import io.actorchain.node.config.ChainSettings;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.WeakHashMap;

/**
 * The genesis handshake's rule (ARCHITECTURE.md, "Shared genesis"): two cluster processes may work together only if
 * they built the same genesis. A pure function of two {@link Wire.Hello}s; the reason names the first difference.
 */
public final class GenesisCheck {
  private GenesisCheck() {}

  /** This node's side of the handshake. */
  public static Wire.Hello helloOf(ChainSettings settings, boolean startsInPos) {
    List<String> names = new ArrayList<>();
    List<Long> stakes = new ArrayList<>();
    for (ChainSettings.NamedAmount v : settings.validators()) {
      names.add(v.name());
      stakes.add(v.gwei());
    }
    return new Wire.Hello(List.copyOf(names), List.copyOf(stakes), digest(settings), settings.genesisTimestamp(),
        settings.consensus().mergeAtHeight(), startsInPos);
  }

  /**
   * What a data dir is bound to ({@code ChainStore.requireGenesis}): everything the handshake compares (the
   * {@link #helloOf} fields and the genesis digest), hashed. A node refuses a data dir made under another genesis.
   */
  public static String dataDirDigest(ChainSettings settings, boolean startsInPos) {
    Wire.Hello h = helloOf(settings, startsInPos);
    StringBuilder b = new StringBuilder("actorchain-data-dir-v1|").append(h.genesisDigest());
    for (int i = 0; i < h.validatorNames().size(); i++) {
      b.append('|').append(h.validatorNames().get(i)).append('=').append(h.stakesGwei().get(i));
    }
    b.append("|time=").append(h.genesisTimestamp()).append("|merge=").append(h.mergeAtHeight())
        .append("|pos=").append(h.startsInPos());
    return Sha256.hash(b.toString().getBytes(StandardCharsets.UTF_8)).toHex();
  }

  /**
   * The PoW genesis block, the genesis ledger (accounts and registry), the chain seed and the consensus constants,
   * hashed: equal digests mean byte-identical genesis.
   */
  static String digest(ChainSettings settings) {
    return DIGESTS.computeIfAbsent(settings, GenesisCheck::computeDigest);
  }

  /** Every node of an embedded network shares one settings object: the genesis is hashed once, not once per node. */
  private static final Map<ChainSettings, String> DIGESTS = Collections.synchronizedMap(new WeakHashMap<>());

  private static String computeDigest(ChainSettings settings) {
    return Sha256.hash(
        settings.genesisBlock().hash().toArray(),
        settings.genesisState().canonical(),
        settings.chainSeed().getBytes(StandardCharsets.UTF_8),
        settings.consensus().config().toString().getBytes(StandardCharsets.UTF_8)).toHex();
  }

  /** The first difference between {@code here} and {@code there}, worded "X here, Y there", or empty if they agree. */
  public static Optional<String> mismatch(Wire.Hello here, Wire.Hello there) {
    if (!here.validatorNames().equals(there.validatorNames())) {
      return Optional.of("validators differ: here " + here.validatorNames() + ", there " + there.validatorNames()
          + " (give every node the same --stake flags)");
    }
    for (int i = 0; i < here.validatorNames().size(); i++) {
      long a = here.stakesGwei().get(i);
      long b = i < there.stakesGwei().size() ? there.stakesGwei().get(i) : -1;
      if (a != b) {
        return Optional.of("stake of " + here.validatorNames().get(i) + " is " + Units.formatCoins(a) + " here, "
            + (b < 0 ? "missing" : Units.formatCoins(b)) + " there (give every node the same --stake flags)");
      }
    }
    if (here.genesisTimestamp() != there.genesisTimestamp()) {
      return Optional.of("genesis time is " + here.genesisTimestamp() + " here, " + there.genesisTimestamp()
          + " there (give every node the same --genesis-time)");
    }
    if (here.startsInPos() != there.startsInPos()) {
      return Optional.of("consensus is " + engine(here) + " here, " + engine(there) + " there (give every node the same"
          + " --pos or --pow)");
    }
    if (here.mergeAtHeight() != there.mergeAtHeight()) {
      return Optional.of("merge height is " + height(here.mergeAtHeight()) + " here, " + height(there.mergeAtHeight())
          + " there (give every node the same --merge-at)");
    }
    if (!here.genesisDigest().equals(there.genesisDigest())) {
      return Optional.of("genesis digest is " + shortHex(here.genesisDigest()) + " here, " + shortHex(there.genesisDigest())
          + " there (the PoW genesis, accounts, chain seed or consensus preset differ: use the same config everywhere)");
    }
    return Optional.empty();
  }

  private static String engine(Wire.Hello h) {
    return h.startsInPos() ? "--pos" : "--pow";
  }

  private static String height(long h) {
    return h < 0 ? "none" : Long.toString(h);
  }

  private static String shortHex(String hex) {
    return hex.length() > 12 ? hex.substring(0, 12) : hex;
  }
}
