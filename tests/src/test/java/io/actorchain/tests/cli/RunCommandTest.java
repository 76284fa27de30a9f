package io.actorchain.tests.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.actorchain.node.view.RunScreen;
import io.actorchain.tests.fixture.Cli;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code actorchain run}: an embedded proof-of-stake network in real time, whose end-of-run summary shows every node's
 * justified and finalized checkpoints and one line per validator; and how the view labels a validator.
 */
class RunCommandTest {
  /** A summary row of a PoS node: {@code node slot head justifiedEpoch root finalizedEpoch root ...}. */
  static final Pattern POS_NODE_ROW = Pattern.compile(
      "^(\\d+)\\s+(\\d+)\\s+[0-9a-f]{8}\\s+(\\d+) [0-9a-f]{8}\\s+(\\d+) [0-9a-f]{8}\\s.*");

  /** A summary line of a validator: {@code v3  node 1  32.004 coins  effective 32.000  active}. */
  static final Pattern VALIDATOR_LINE = Pattern.compile(
      "^\\s+(v\\d+)\\s+node (\\d+)\\s+(\\d+\\.\\d{3}) coins\\s+effective\\s+\\d+\\.\\d{3}\\s+(\\w+)$");

  @TempDir
  Path tmp;

  /**
   * The first justification comes at the end of epoch 2 (CONSENSUS.md §5.5 skips epochs 0 and 1), so with the
   * minimal preset's 1 s slots and 4-slot epochs it lands about 12 s after slot 0; 20 s leaves room on a slow machine.
   */
  @Test
  @Tag("slow")
  @Timeout(90)
  void shouldJustifyAnEpochOnEveryNodeAndListEveryValidatorWhenRunningProofOfStake() throws IOException {
    Path config = tmp.resolve("cluster.hocon");
    Files.writeString(config, Files.readString(Cli.ROOT.resolve("cluster.hocon"))
        + "\nactorchain.consensus.overrides { SLOTS_PER_EPOCH = 4 }\n");

    Cli.Outcome o = Cli.run("run", "--consensus", "pos", "--stop-after", "20s", "--no-view", "--nodes", "2",
        "--validators", "8", "--slot", "1s", "--preset", "minimal", "--config", config.toString());

    assertThat(o.exitCode()).as("stderr: %s", o.stderr()).isZero();
    assertThat(o.stdout()).first().asString().contains("2 nodes, proof of stake from genesis, 8 validators of 32 coins");
    List<String> summary = o.stdout().subList(o.stdout().indexOf("summary"), o.stdout().size());
    List<Matcher> nodes = matching(summary, POS_NODE_ROW);
    assertThat(nodes).as("node rows in %s; stderr %s", o.stdout(), o.stderr()).hasSize(2);
    for (Matcher node : nodes) {
      assertThat(Long.parseLong(node.group(3))).as("justified epoch of node %s", node.group(1)).isGreaterThanOrEqualTo(1);
    }
    List<Matcher> validators = matching(summary, VALIDATOR_LINE);
    assertThat(validators).as("validator lines in %s", summary).hasSize(8);
    assertThat(validators).extracting(v -> v.group(1)).containsExactly("v0", "v1", "v2", "v3", "v4", "v5", "v6", "v7");
    assertThat(validators).extracting(v -> v.group(2)).containsExactly("0", "1", "0", "1", "0", "1", "0", "1");
    assertThat(validators).extracting(v -> v.group(4)).containsOnly("active");
  }

  @Test
  void shouldShowBalancesInCoinsWithThreeDecimalsRoundedDown() {
    assertThat(RunScreen.coins(32_000_000_000L)).isEqualTo("32.000");
    assertThat(RunScreen.coins(31_999_999_999L)).isEqualTo("31.999");
    assertThat(RunScreen.coins(2_048_123_456_789L)).isEqualTo("2048.123");
    assertThat(RunScreen.coins(0)).isEqualTo("0.000");
  }

  private static List<Matcher> matching(List<String> lines, Pattern p) {
    return lines.stream().map(p::matcher).filter(Matcher::matches).toList();
  }

  @Test
  void shouldShowEvidenceTheSlashingItsPenaltyTheCorrelationPenaltyAndTheExitAsTheyHappen() {
    List<io.actorchain.node.events.NodeEvent> recent = List.of(
        io.actorchain.node.events.NodeEvent.of(31_000, 1, "evidence_found", "name", "v5", "kind", "double-vote"),
        io.actorchain.node.events.NodeEvent.of(32_000, 1, "validator_slashed", "name", "v5", "penaltyCoins", "1"),
        io.actorchain.node.events.NodeEvent.of(64_000, 1, "validator_exited", "name", "v5", "exitEpoch", 8),
        io.actorchain.node.events.NodeEvent.of(280_000, 1, "correlation_penalty", "name", "v5", "amountCoins", "6"));
    String screen = RunScreen.render(new io.actorchain.node.view.RunInfo("pos", 0,
        io.actorchain.core.pos.ConsensusConfig.minimal(), List.of()), new io.actorchain.node.view.Frame(
        java.util.Map.of(), null), recent, 0, 300_000);
    assertThat(screen).contains("evidence_found", "kind=double-vote", "validator_slashed", "penaltyCoins=1",
        "validator_exited", "exitEpoch=8", "correlation_penalty", "amountCoins=6");
  }
}
