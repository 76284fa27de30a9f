package io.actorchain.tests.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A cluster of node processes run by {@code scripts/cluster} in a temporary run dir on free loopback ports, for the
 * multi-process tests. Every script runs from the repository root with a deadline. Once {@code up} has made the run
 * dir's copy of the jars, every later command runs that copy (ACTORCHAIN_LIB), so a rebuild of the repository while
 * the test runs changes nothing under its JVMs.
 */
final class ScriptedCluster {
  static final Path ROOT = Path.of(System.getProperty("actorchain.root", "..")).toAbsolutePath().normalize();
  static final ObjectMapper JSON = new ObjectMapper();
  /** Small JVMs, so that four of them fit a 2-core machine. */
  static final String JAVA_OPTS = "-Xms32m -Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1";

  record Result(int exitCode, String output) {}

  final Path runDir;
  final int nodes;
  final int basePort;
  final int httpBase;
  private final Duration upTimeout;
  private final Map<String, String> env = new TreeMap<>();

  ScriptedCluster(String name, int nodes, Duration upTimeout) throws IOException {
    this.runDir = Files.createTempDirectory("actorchain-" + name + "-");
    this.nodes = nodes;
    this.upTimeout = upTimeout;
    this.basePort = freeRun(nodes);
    int http;
    do {
      http = freeRun(nodes);
    } while (Math.abs(http - basePort) <= nodes);
    this.httpBase = http;
  }

  /** An environment variable for every script this cluster runs. */
  ScriptedCluster env(String key, String value) {
    env.put(key, value);
    return this;
  }

  /** {@code scripts/cluster up N --base-port P --http-base-port H} followed by {@code options}. */
  Result up(String... options) {
    List<String> cmd = new ArrayList<>(List.of("scripts/cluster", "up", Integer.toString(nodes),
        "--base-port", Integer.toString(basePort), "--http-base-port", Integer.toString(httpBase)));
    cmd.addAll(List.of(options));
    return run(upTimeout, cmd.toArray(String[]::new));
  }

  Result down() {
    return run(Duration.ofSeconds(90), "scripts/cluster", "down");
  }

  int httpPort(int node) {
    return httpBase + node;
  }

  /** Runs a script from the repository root with the run dir in its environment; kills it at the deadline. */
  Result run(Duration timeout, String... command) {
    try {
      List<String> cmd = new ArrayList<>(List.of(command));
      cmd.set(0, ROOT.resolve(command[0]).toString());
      Path out = Files.createTempFile(runDir, "command-", ".out");
      ProcessBuilder pb = new ProcessBuilder(cmd).directory(ROOT.toFile()).redirectErrorStream(true)
          .redirectOutput(out.toFile());
      pb.environment().put("ACTORCHAIN_CLUSTER_DIR", runDir.toString());
      pb.environment().putIfAbsent("ACTORCHAIN_JAVA_OPTS", JAVA_OPTS);
      pb.environment().put("ACTORCHAIN_UP_TIMEOUT", Long.toString(upTimeout.toSeconds() - 30));
      pb.environment().putAll(env);
      Path lib = runDir.resolve("lib");
      if (Files.isRegularFile(lib.resolve("actorchain-node.jar"))) {
        pb.environment().put("ACTORCHAIN_LIB", lib.toString());
      }
      Process p = pb.start();
      if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        return new Result(-1, "timed out after " + timeout + ": " + String.join(" ", command) + "\n"
            + Files.readString(out, StandardCharsets.UTF_8));
      }
      return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** The members of a {@code status --json} answer, by node id. */
  static Map<Integer, JsonNode> byNode(JsonNode members) {
    Map<Integer, JsonNode> out = new TreeMap<>();
    members.forEach(m -> out.put(m.get("node").asInt(), m));
    return out;
  }

  static JsonNode parse(String json) {
    try {
      return JSON.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException("not JSON: " + json, e);
    }
  }

  static String lastLine(String output) {
    List<String> lines = output.lines().filter(l -> !l.isBlank()).toList();
    return lines.isEmpty() ? "" : lines.get(lines.size() - 1).trim();
  }

  /**
   * {@code scripts/cluster down}, asserted clean; the run dir is deleted only when every test passed, and otherwise
   * kept, with every node's log, for the failure's reader.
   */
  void finish(boolean allPassed) throws IOException {
    Result down = down();
    org.assertj.core.api.Assertions.assertThat(down.exitCode()).as("scripts/cluster down:%n%s", down.output()).isZero();
    if (allPassed) {
      deleteRunDir();
    }
  }

  void deleteRunDir() throws IOException {
    try (Stream<Path> paths = Files.walk(runDir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  /** A port P such that P+1..P+n are free on loopback now. */
  static int freeRun(int n) throws IOException {
    for (int attempt = 0; attempt < 50; attempt++) {
      int candidate;
      try (ServerSocket s = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
        candidate = s.getLocalPort() - 1;
      }
      if (candidate + n <= 65535 && allFree(candidate + 1, candidate + n)) {
        return candidate;
      }
    }
    throw new IllegalStateException("no run of " + n + " free loopback ports found");
  }

  private static boolean allFree(int from, int to) {
    List<ServerSocket> held = new ArrayList<>();
    try {
      for (int port = from; port <= to; port++) {
        held.add(new ServerSocket(port, 50, InetAddress.getByName("127.0.0.1")));
      }
      return true;
    } catch (IOException e) {
      return false;
    } finally {
      for (ServerSocket s : held) {
        try {
          s.close();
        } catch (IOException ignored) {
          // closing a probe socket
        }
      }
    }
  }
}
