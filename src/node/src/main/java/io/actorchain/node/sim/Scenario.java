package io.actorchain.node.sim;

import io.actorchain.node.config.LinkSettings;
import java.util.List;

/** A parsed scenario file (SIMULATION.md). Built only by {@link ScenarioParser}, so every value is valid. */
public record Scenario(
    String name,
    long seed,
    String preset,
    Consensus consensus,
    long mergeAtHeight,
    Stop stop,
    Network network,
    List<Miner> miners,
    List<ValidatorSpec> validators,
    java.util.Map<String, Object> consensusOverrides,
    List<FaultSpec> faults,
    List<Expectation> expectations) {

  public Scenario {
    miners = List.copyOf(miners);
    validators = List.copyOf(validators);
    consensusOverrides = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(consensusOverrides));
    faults = List.copyOf(faults);
    expectations = List.copyOf(expectations);
  }

  /** A validator: its name (its key derives from it), its stake in gwei, and the node that hosts it. */
  public record ValidatorSpec(String name, long stakeGwei, int node) {}

  public enum Consensus {
    POW, POS, MERGE;

    public String configName() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /** {@code stop { height = H }}, {@code { epochs = N }} or {@code { seconds = T }}. */
  public record Stop(StopKind kind, long value) {}

  public enum StopKind { HEIGHT, EPOCHS, SECONDS }

  public record Network(int nodes, String topology, int degree, LinkSettings link) {}

  public record Miner(int node, long hashrate) {}

  /** A point in time: {@code "epoch E"}, {@code "slot S"}, {@code "height H"} or {@code "second T"}. */
  public record At(AtKind kind, long value) {
    @Override
    public String toString() {
      return kind.name().toLowerCase(java.util.Locale.ROOT) + " " + value;
    }
  }

  public enum AtKind { EPOCH, SLOT, HEIGHT, SECOND }

  /**
   * One entry of {@code faults}: the faults it injects at {@code at} (one per validator it names) and clears at
   * {@code until} (may be null); {@code description} is the entry as written.
   */
  public record FaultSpec(String kind, At at, At until, List<io.actorchain.node.fault.Fault> faults,
      String description) {
    public FaultSpec {
      faults = List.copyOf(faults);
    }
  }

  /** One {@code expect} entry; {@code text} is how the summary names it. */
  public record Expectation(String key, Object value, String text) {}

  public Scenario withSeed(long newSeed) {
    return new Scenario(name, newSeed, preset, consensus, mergeAtHeight, stop, network, miners, validators,
        consensusOverrides, faults, expectations);
  }

  public long totalHashrate() {
    return miners.stream().mapToLong(Miner::hashrate).sum();
  }
}
