package io.actorchain.node.cli;

import io.actorchain.core.codec.Hash32;
import io.actorchain.core.codec.Sha256;
import io.actorchain.core.crypto.Address;
import io.actorchain.core.pow.PowHeader;
import io.actorchain.core.pow.PowHasher;
import io.actorchain.node.config.ChainSettings;
import io.actorchain.node.config.ConfigLoader;
import io.actorchain.node.config.LinkSettings;
import io.actorchain.node.sim.PowSimulation;
import io.actorchain.node.sim.SimulationResult;
import io.actorchain.node.sim.Scenario;
import io.actorchain.node.time.Clock;
import io.actorchain.node.time.SystemClock;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code actorchain bench pow|sim}: the figures of the README's performance table. Benchmarks, not tests. */
@Command(name = "bench", mixinStandardHelpOptions = true,
    description = "Benchmarks: 'pow' compares real-mode SHA-256d mining with the JDK's raw SHA-256; "
        + "'sim' measures virtual-time speed of a PoW simulation.")
public final class BenchCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "WHAT", description = "pow or sim")
  String what;

  @Option(names = "--runs", defaultValue = "5", description = "Measured runs; the median is reported (default ${DEFAULT-VALUE}).")
  int runs;

  @Option(names = "--millis", defaultValue = "1000", description = "pow: length of one run in ms (default ${DEFAULT-VALUE}).")
  long millis;

  @Option(names = "--nodes", defaultValue = "16", description = "sim: nodes (default ${DEFAULT-VALUE}).")
  int nodes;

  @Option(names = "--miners", defaultValue = "16", description = "sim: miners, one per node round-robin (default ${DEFAULT-VALUE}).")
  int miners;

  @Option(names = "--height", defaultValue = "2000", description = "sim: blocks to mine (default ${DEFAULT-VALUE}).")
  long height;

  @Option(names = "--config", paramLabel = "FILE", description = "cluster.hocon to read.")
  File config;

  private final Clock wall = SystemClock.INSTANCE;

  @Override
  public Integer call() throws Exception {
    if (runs < 1) {
      throw new UserError("--runs: must be at least 1");
    }
    return switch (what) {
      case "pow" -> benchPow();
      case "sim" -> benchSim();
      default -> throw new UserError("bench: unknown benchmark '" + what + "'; choose pow or sim");
    };
  }

  private int benchPow() {
    PowHeader header = new PowHeader(1234, Sha256.hash(new byte[] {1}), 1_700_000_000_000L, Hash32.ZERO.xor(Hash32.ZERO),
        Sha256.hash(new byte[] {2}), Address.ZERO, 0);
    byte[] input = header.canonical();
    PowHasher hasher = new PowHasher(header); // target zero: the search never succeeds, so it runs its full count
    MessageDigest raw = Sha256.newDigest();
    double[] rawRates = new double[runs];
    double[] powRates = new double[runs];
    // Warm up both paths so the JIT has compiled them before the measured runs.
    measure(() -> rawLoop(raw, input, 1 << 16), 300);
    measure(() -> hasher.search(0, 1 << 14).isPresent() ? 0 : 1 << 14, 300);
    for (int r = 0; r < runs; r++) {
      rawRates[r] = measure(() -> rawLoop(raw, input, 1 << 16), millis);
      long start = r * 1_000_000_000L;
      powRates[r] = measure(() -> hasher.search(start, 1 << 14).isPresent() ? 0 : 1 << 14, millis);
    }
    double rawMedian = median(rawRates);
    double powMedian = median(powRates);
    System.out.printf("input: %d-byte PoW header; %d runs of %d ms, single thread, medians%n", input.length, runs, millis);
    System.out.printf("raw SHA-256 (JDK MessageDigest):        %,12.0f hashes/s%n", rawMedian);
    System.out.printf("real-mode SHA-256d (midstate reuse):    %,12.0f hashes/s%n", powMedian);
    System.out.printf("ratio: %.2f (target >= 0.80)%n", powMedian / rawMedian);
    return 0;
  }

  private static long rawLoop(MessageDigest md, byte[] input, int n) {
    long sink = 0;
    for (int i = 0; i < n; i++) {
      input[input.length - 1] = (byte) i;
      md.update(input);
      sink += md.digest()[0];
    }
    return n + (sink & 0);
  }

  /** Hashes per second: repeats {@code step} (which returns the hashes it did) for about {@code ms}. */
  private double measure(java.util.function.LongSupplier step, long ms) {
    long start = wall.nowMillis();
    long hashes = 0;
    long elapsed;
    do {
      hashes += step.getAsLong();
      elapsed = wall.nowMillis() - start;
    } while (elapsed < ms);
    return hashes * 1000.0 / elapsed;
  }

  private int benchSim() throws Exception {
    var loaded = ConfigLoader.load(config);
    ChainSettings base = ChainSettings.fromConfig(loaded);
    List<Scenario.Miner> ms = new ArrayList<>();
    for (int m = 0; m < miners; m++) {
      ms.add(new Scenario.Miner(m % nodes, 1000));
    }
    Scenario sc = new Scenario("bench-pow-" + nodes, 1, "minimal", Scenario.Consensus.POW, -1,
        new Scenario.Stop(Scenario.StopKind.HEIGHT, height),
        new Scenario.Network(nodes, "full-mesh", 4, new LinkSettings(100, 50, 0.0)), ms, List.of(), java.util.Map.of(),
        List.of(), List.of());
    double[] speeds = new double[runs];
    double[] walls = new double[runs];
    double virtual = 0;
    Path dir = Files.createTempDirectory("actorchain-bench");
    for (int r = 0; r < runs; r++) {
      SimulationResult res = PowSimulation.run(sc, base,
          com.typesafe.config.ConfigFactory.parseString("pekko.actor.provider = local").withFallback(loaded),
          dir, null);
      speeds[r] = res.virtualSeconds() / Math.max(0.001, res.wallSeconds());
      walls[r] = res.wallSeconds();
      virtual = res.virtualSeconds();
      System.out.printf("run %d: %.0f virtual s in %.2f wall s (%.0fx)%n", r + 1, res.virtualSeconds(), res.wallSeconds(), speeds[r]);
    }
    System.out.printf("PoW simulate, %d nodes, %d miners, %d blocks, 100±50 ms links: median %.2f wall s for %.0f virtual s, "
        + "%.0fx faster than real time (target >= 1000x)%n", nodes, miners, height, median(walls), virtual, median(speeds));
    return 0;
  }

  static double median(double[] xs) {
    double[] s = xs.clone();
    Arrays.sort(s);
    return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  }
}
