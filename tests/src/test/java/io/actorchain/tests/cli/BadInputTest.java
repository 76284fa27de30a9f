package io.actorchain.tests.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.actorchain.node.cli.ActorChainCli;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad input to the command line gets exit code 2 and one line on stderr that names the problem,
 * never a stack trace (ARCHITECTURE.md, "Interfaces").
 */
class BadInputTest {
  static final Path ROOT = Path.of(System.getProperty("actorchain.root", "..")).toAbsolutePath().normalize();
  static final Path CLUSTER_HOCON = ROOT.resolve("cluster.hocon");

  /** The pattern of logback.xml: {@code HH:mm:ss.SSS LEVEL logger - message}. */
  static final Pattern LOG_RECORD = Pattern.compile("^\\d\\d:\\d\\d:\\d\\d\\.\\d{3} +(TRACE|DEBUG|INFO|WARN|ERROR) ");

  @TempDir
  Path tmp;

  record Outcome(int exitCode, List<String> stderr) {}

  @Test
  void shouldRejectAnUnknownFlag() {
    Outcome o = run("node", "--bogus");
    assertThat(o.exitCode()).isEqualTo(2);
    assertThat(o.stderr()).singleElement().asString().contains("--bogus").startsWith("actorchain:");
  }

  @Test
  void shouldAskForAGenesisTimeWhenPosWouldStartIn1970() {
    Outcome o = run("node", "--pos", "--stake", "alice", "32", "--config", CLUSTER_HOCON.toString());
    assertThat(o.exitCode()).isEqualTo(2);
    assertThat(o.stderr()).singleElement().asString().startsWith("actorchain: --pos needs a recent genesis time")
        .contains("--genesis-time MILLIS");
  }

  @Test
  void shouldAskForGenesisValidatorsWithPos() {
    Outcome o = run("node", "--pos", "--genesis-time", "1767225600000", "--config", CLUSTER_HOCON.toString());
    assertThat(o.exitCode()).isEqualTo(2);
    assertThat(o.stderr()).singleElement().asString().contains("--pos needs genesis validators")
        .contains("--stake NAME AMOUNT");
  }

  @Test
  void shouldNameAValidatorThatIsNotAGenesisValidator() {
    Outcome o = run("node", "--pos", "--genesis-time", "1767225600000", "--stake", "alice", "32", "--stake", "bob", "32",
        "--validator", "nobody", "--config", CLUSTER_HOCON.toString());
    assertThat(o.exitCode()).isEqualTo(2);
    assertThat(o.stderr()).singleElement().asString()
        .isEqualTo("actorchain: --validator nobody: not a genesis validator (they are alice, bob)");
  }

  @Test
  void shouldRefuseAValidatorWhenThereAreNoGenesisValidators() {
    Outcome o = run("node", "--validator", "alice", "--config", CLUSTER_HOCON.toString());
    assertThat(o.exitCode()).isEqualTo(2);
    assertThat(o.stderr()).singleElement().asString()
        .startsWith("actorchain: --validator alice: there are no genesis validators");
  }

  @Test
  void shouldRejectAStakeThatIsNotCoinsOrHasNoAmount() {
    Outcome notCoins = run("node", "--stake", "alice", "lots", "--config", CLUSTER_HOCON.toString());
    assertThat(notCoins.exitCode()).isEqualTo(2);
    assertThat(notCoins.stderr()).singleElement().asString().contains("--stake alice").contains("'lots'");

    Outcome noAmount = run("node", "--stake", "alice");
    assertThat(noAmount.exitCode()).isEqualTo(2);
    assertThat(noAmount.stderr()).singleElement().asString().contains("--stake");

    Outcome twice = run("node", "--stake", "alice", "32", "--stake", "alice", "1", "--config", CLUSTER_HOCON.toString());
    assertThat(twice.exitCode()).isEqualTo(2);
    assertThat(twice.stderr()).singleElement().asString().contains("--stake alice is given twice");
  }

  @Test
  void shouldTakeTheGenesisTimeInMilliseconds() {
    Outcome o = run("node", "--pos", "--genesis-time", "1767225600", "--stake", "alice", "32",
        "--config", CLUSTER_HOCON.toString());
    assertThat(o.exitCode()).isEqualTo(2);
    assertThat(o.stderr()).singleElement().asString().contains("--genesis-time is milliseconds since the Unix epoch");
  }

  @Test
  void shouldRefuseAMergeHeightWithPos() {
    Outcome o = run("node", "--pos", "--merge-at", "10", "--genesis-time", "1767225600000", "--stake", "alice", "32",
        "--config", CLUSTER_HOCON.toString());
    assertThat(o.exitCode()).isEqualTo(2);
    assertThat(o.stderr()).singleElement().asString().contains("--merge-at is for a PoW chain");
  }

  @Test
  void shouldListTheGenesisValidatorsGiven() {
    PrintStream original = System.out;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int code;
    try (PrintStream capture = new PrintStream(out, true, StandardCharsets.UTF_8)) {
      System.setOut(capture);
      code = ActorChainCli.execute("node", "--stake", "alice", "32", "--stake", "bob", "1.5", "--list-validators",
          "--config", CLUSTER_HOCON.toString());
    } finally {
      System.setOut(original);
    }
    assertThat(code).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8).lines()).containsExactly("alice 32", "bob 1.5");
  }

  @Test
  void shouldRejectAMergeAtHeightZeroAndSayWhenTheNodeIsUnreachable() throws IOException {
    Outcome zero = run("merge", "--at-height", "0", "--node", "127.0.0.1:1");
    assertThat(zero.exitCode()).isEqualTo(2);
    assertThat(zero.stderr()).singleElement().asString().contains("--at-height must be ≥ 1");

    Outcome missing = run("merge");
    assertThat(missing.exitCode()).isEqualTo(2);
    assertThat(missing.stderr()).singleElement().asString().contains("--at-height");

    int closed = freePort();
    Outcome unreachable = run("merge", "--at-height", "10", "--node", "127.0.0.1:" + closed);
    assertThat(unreachable.exitCode()).isEqualTo(2);
    assertThat(unreachable.stderr()).singleElement().asString().contains("cannot reach node at 127.0.0.1:" + closed);
  }

  @Test
  void shouldGiveUpJoiningWhenNoSeedNodeAnswers() throws IOException {
    int seed = freePort();
    int own = freePort();
    Outcome o = run("node", "--port", Integer.toString(own), "--id", "9", "--http-port", "0",
        "--seed-node", "127.0.0.1:" + seed, "--join-timeout", "2s", "--data-dir", tmp.resolve("node-9").toString(),
        "--config", CLUSTER_HOCON.toString());
    assertThat(o.exitCode()).isEqualTo(2);
    assertThat(o.stderr()).singleElement().asString()
        .contains("cannot join the cluster: no seed node reachable at 127.0.0.1:" + seed + " within 2s");
    assertThat(tmp.resolve("node-9")).isDirectory();
  }

  @Test
  void shouldNameTheArteryPortThatIsAlreadyInUse() throws IOException {
    try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
      int port = taken.getLocalPort();
      Outcome o = run("node", "--port", Integer.toString(port), "--id", "8", "--http-port", "0",
          "--seed-node", "127.0.0.1:" + port, "--data-dir", tmp.resolve("node-8").toString(),
          "--config", CLUSTER_HOCON.toString());
      assertThat(o.exitCode()).isEqualTo(2);
      assertThat(o.stderr()).singleElement().asString().contains("port " + port + " already in use");
    }
  }

  @Test
  void shouldSayWhenStatusCannotReachTheNode() throws IOException {
    int closed = freePort();
    Outcome o = run("status", "--node", "127.0.0.1:" + closed);
    assertThat(o.exitCode()).isEqualTo(2);
    assertThat(o.stderr()).singleElement().asString().contains("cannot reach node at 127.0.0.1:" + closed);
  }

  @Test
  void shouldRejectAnAmountThatIsNotCoins() {
    Outcome o = run("tx", "send", "--node", "127.0.0.1:1", "--from", "alice", "--to", "bob", "--amount", "1.5x");
    assertThat(o.exitCode()).isEqualTo(2);
    assertThat(o.stderr()).singleElement().asString().contains("--amount");
  }

  @Test
  void shouldRejectAMalformedRecipientAddress() {
    Outcome o = run("tx", "send", "--node", "127.0.0.1:1", "--from", "alice", "--to", "0x1234", "--amount", "1");
    assertThat(o.exitCode()).isEqualTo(2);
    assertThat(o.stderr()).singleElement().asString().contains("--to");
  }

  /** Runs the CLI in this JVM with stderr captured (picocli writes to System.err as it is when it runs). */
  private static synchronized Outcome run(String... args) {
    PrintStream original = System.err;
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code;
    try (PrintStream capture = new PrintStream(err, true, StandardCharsets.UTF_8)) {
      System.setErr(capture);
      code = ActorChainCli.execute(args);
    } finally {
      System.setErr(original);
    }
    List<String> all = err.toString(StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank()).toList();
    assertThat(all).as("no stack trace on stderr").noneMatch(l -> l.startsWith("\tat ") || l.startsWith("Caused by"));
    // Log records of this shared test JVM (e.g. Pekko noting the surefire booter jar) are not the CLI's output.
    return new Outcome(code, all.stream().filter(l -> !LOG_RECORD.matcher(l).find()).toList());
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
      return s.getLocalPort();
    }
  }

  static {
    if (!Files.isRegularFile(CLUSTER_HOCON)) {
      throw new IllegalStateException("no cluster.hocon at " + CLUSTER_HOCON + " (set -Dactorchain.root)");
    }
  }
}
