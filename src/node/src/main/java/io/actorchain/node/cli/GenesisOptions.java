package io.actorchain.node.cli;

import io.actorchain.core.Units;
import io.actorchain.node.config.ChainSettings;
import io.actorchain.node.config.ChainSettings.NamedAmount;
import io.actorchain.node.config.Coins;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import picocli.CommandLine.Option;

/**
 * The genesis flags of {@code node} (ARCHITECTURE.md, "Shared genesis" and "Identity"). Every process of one cluster
 * must give the same {@code --stake}, {@code --genesis-time} and {@code --merge-at} (the genesis handshake stops a
 * process that does not); {@code --validator} says which genesis validators this process hosts.
 */
final class GenesisOptions {
  /** Earlier than this (March 1973) a genesis time in milliseconds is almost surely seconds by mistake. */
  static final long EARLIEST_GENESIS_MILLIS = 100_000_000_000L;
  static final int NAMES_SHOWN = 8;

  @Option(names = "--validator", paramLabel = "NAME",
      description = "A genesis validator this node hosts (it proposes and attests for it); repeatable. Its key derives"
          + " from the chain seed and the name.")
  List<String> validators = new ArrayList<>();

  @Option(names = "--stake", arity = "2", paramLabel = "NAME AMOUNT", hideParamSyntax = true,
      description = "A genesis validator and its stake in coins, e.g. --stake alice 32; repeatable. Replaces"
          + " actorchain.genesis.validators; every node of the cluster must give the same.")
  List<String> stakes = new ArrayList<>();

  @Option(names = "--genesis-time", paramLabel = "MILLIS",
      description = "The genesis timestamp in ms since the Unix epoch, the same on every node (default:"
          + " actorchain.genesis.timestamp). --pos needs a recent one: PoS slot 0 starts two slots after it."
          + " scripts/cluster passes one.")
  Long genesisTime;

  @Option(names = "--merge-at", paramLabel = "H",
      description = "Merge PoW into PoS at PoW height H (CONSENSUS.md §4); the same on every node (default:"
          + " actorchain.consensus.merge.at-height). A running cluster can also be told with 'actorchain merge'.")
  Long mergeAt;

  @Option(names = "--list-validators",
      description = "Print the genesis validators (name and stake in coins, after --config and --stake) and exit.")
  boolean listValidators;

  /** {@code base} with these flags applied; every error names its flag. */
  ChainSettings apply(ChainSettings base, boolean pos) {
    ChainSettings s = base;
    if (!stakes.isEmpty()) {
      s = s.withValidators(stakes());
    }
    if (genesisTime != null) {
      if (genesisTime < EARLIEST_GENESIS_MILLIS) {
        throw new UserError("--genesis-time is milliseconds since the Unix epoch, so " + genesisTime
            + " is before 1973 (seconds by mistake?)");
      }
      s = s.withGenesisTimestamp(genesisTime);
    }
    if (mergeAt != null) {
      if (pos) {
        throw new UserError("--merge-at is for a PoW chain that merges later; --pos starts in proof of stake");
      }
      if (mergeAt < 1) {
        throw new UserError("--merge-at must be ≥ 1 (height 0 is the genesis block: use --pos to start in PoS), got "
            + mergeAt);
      }
      s = s.withConsensus(s.consensus().withMergeAt(mergeAt));
    }
    if (pos && s.genesisTimestamp() == 0) {
      throw new UserError("--pos needs a recent genesis time shared by every node, else PoS slot 0 is in 1970: pass"
          + " --genesis-time MILLIS (e.g. now + 15 s; scripts/cluster does this)");
    }
    if (pos && s.validators().isEmpty()) {
      throw new UserError("--pos needs genesis validators: pass --stake NAME AMOUNT (the same on every node) or set"
          + " actorchain.genesis.validators");
    }
    return s;
  }

  private List<NamedAmount> stakes() {
    List<NamedAmount> out = new ArrayList<>();
    Set<String> seen = new LinkedHashSet<>();
    for (int i = 0; i + 1 < stakes.size(); i += 2) {
      String name = stakes.get(i).trim();
      String flag = "--stake " + name;
      if (name.isEmpty() || name.startsWith("-")) {
        throw new UserError("--stake needs a validator name and an amount, e.g. --stake alice 32, got '" + name + "'");
      }
      if (!seen.add(name)) {
        throw new UserError(flag + " is given twice");
      }
      long gwei = Coins.toGwei(flag, stakes.get(i + 1));
      if (gwei == 0) {
        throw new UserError(flag + ": the stake must be positive, got " + stakes.get(i + 1));
      }
      out.add(new NamedAmount(name, gwei));
    }
    return List.copyOf(out);
  }

  /** The {@code --validator} names, each checked against the genesis validators of {@code settings}. */
  List<String> hosted(ChainSettings settings) {
    List<String> names = new ArrayList<>();
    for (NamedAmount v : settings.validators()) {
      names.add(v.name());
    }
    Set<String> hosted = new LinkedHashSet<>();
    for (String v : validators) {
      if (names.isEmpty()) {
        throw new UserError("--validator " + v + ": there are no genesis validators; give them with --stake NAME AMOUNT"
            + " (the same on every node) or actorchain.genesis.validators");
      }
      if (!names.contains(v)) {
        throw new UserError("--validator " + v + ": not a genesis validator (they are " + shortList(names) + ")");
      }
      if (!hosted.add(v)) {
        throw new UserError("--validator " + v + " is given twice");
      }
    }
    return List.copyOf(hosted);
  }

  /** One line per genesis validator: its name and its stake in coins. */
  static List<String> describe(ChainSettings settings) {
    List<String> lines = new ArrayList<>();
    for (NamedAmount v : settings.validators()) {
      lines.add(v.name() + " " + Units.formatCoins(v.gwei()));
    }
    return lines;
  }

  private static String shortList(List<String> names) {
    if (names.size() <= NAMES_SHOWN) {
      return String.join(", ", names);
    }
    return String.join(", ", names.subList(0, NAMES_SHOWN)) + ", ... (" + names.size() + " in all)";
  }
}
