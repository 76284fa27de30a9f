package io.actorchain.node.cli;

import com.typesafe.config.ConfigFactory;
import io.actorchain.node.config.ChainSettings;
import io.actorchain.node.config.ConfigLoader;
import io.actorchain.node.sim.PosSimulation;
import io.actorchain.node.sim.PowSimulation;
import io.actorchain.node.sim.SimulationResult;
import io.actorchain.node.sim.Scenario;
import io.actorchain.node.sim.ScenarioException;
import io.actorchain.node.sim.ScenarioParser;
import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code actorchain simulate SCENARIO.conf}: a scenario in virtual time (SIMULATION.md). */
@Command(name = "simulate", mixinStandardHelpOptions = true,
    description = "Run a scenario in virtual time and write summary.json and events.jsonl. "
        + "Exit 0 when every expect held, 1 when one failed, 2 for a bad scenario.")
public final class SimulateCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Parameters(index = "0", paramLabel = "SCENARIO.conf", description = "The scenario file (HOCON).")
  File scenarioFile;

  @Option(names = "--seed", description = "Overrides scenario.seed.")
  Long seed;

  @Option(names = "--out", paramLabel = "DIR", description = "Output folder (default ./out/<scenario name>).")
  Path out;

  @Option(names = "--trace", description = "Per-validator detail in epochs.jsonl (proof-of-stake scenarios).")
  boolean trace;

  @Option(names = "--quiet", description = "No progress bar on stderr.")
  boolean quiet;

  @Option(names = "--config", paramLabel = "FILE", description = "cluster.hocon to take chain defaults from.")
  File config;

  @Override
  public Integer call() throws Exception {
    Scenario sc;
    try {
      sc = ScenarioParser.parseFile(scenarioFile);
    } catch (ScenarioException e) {
      for (String p : e.problems()) {
        spec.commandLine().getErr().println("actorchain: " + scenarioFile + ": " + p);
      }
      return ActorChainCli.EXIT_BAD_INPUT;
    }
    if (seed != null) {
      sc = sc.withSeed(seed);
    }
    var loaded = ConfigLoader.load(config);
    ChainSettings base = ChainSettings.fromConfig(loaded);
    Path dir = out != null ? out : Path.of("out", sc.name());
    var systemConfig = ConfigFactory.parseString("pekko.actor.provider = local").withFallback(loaded);
    SimulationResult r = sc.consensus() == Scenario.Consensus.POW
        ? PowSimulation.run(sc, base, systemConfig, dir, quiet ? null : System.err)
        : PosSimulation.run(sc, base, systemConfig, dir, quiet ? null : System.err, trace);
    printSummary(sc, r, dir);
    return r.exitCode();
  }

  @SuppressWarnings("unchecked")
  private void printSummary(Scenario sc, SimulationResult r, Path dir) {
    var outStream = spec.commandLine().getOut();
    Map<String, Object> pow = (Map<String, Object>) r.summary().get("pow");
    if (sc.consensus() == Scenario.Consensus.POW) {
      outStream.printf("%s (seed %d): %d nodes, height %s, %s orphans, %s reorgs%n", sc.name(), sc.seed(),
          sc.network().nodes(), pow.get("height"), pow.get("orphans"), pow.get("reorgs"));
    } else {
      List<Map<String, Object>> nodes = (List<Map<String, Object>>) r.summary().get("nodes");
      outStream.printf("%s (seed %d): %d nodes, %d validators, %s epochs; node 0 head slot %s, justified %s, finalized %s%n",
          sc.name(), sc.seed(), sc.network().nodes(), sc.validators().size(), r.summary().get("epochs"),
          nodes.get(0).get("headSlot"), ((Map<?, ?>) nodes.get(0).get("justified")).get("epoch"),
          ((Map<?, ?>) nodes.get(0).get("finalized")).get("epoch"));
    }
    outStream.printf("virtual %.1f s in %.2f s wall (%.0fx real time)%n", r.virtualSeconds(), r.wallSeconds(),
        r.virtualSeconds() / Math.max(0.001, r.wallSeconds()));
    if (sc.consensus() != Scenario.Consensus.POW) {
      outStream.println(PosSimulation.performanceLine(r));
    }
    for (Map<String, Object> f : (List<Map<String, Object>>) r.summary().getOrDefault("faults", List.of())) {
      if (f.get("note") != null) {
        outStream.printf("fault %s: %s%n", f.get("fault"), f.get("note"));
      }
    }
    for (Map<String, Object> e : (List<Map<String, Object>>) r.summary().get("expectations")) {
      outStream.printf("expect %s: %s%s%n", e.get("expect"), Boolean.TRUE.equals(e.get("passed")) ? "passed" : "FAILED",
          String.valueOf(e.get("detail")).isEmpty() ? "" : " (" + e.get("detail") + ")");
    }
    outStream.printf("wrote %s%n", dir);
    outStream.flush();
  }
}
