package io.actorchain.tests.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.actorchain.node.cli.InjectCommand;
import io.actorchain.tests.fixture.Cli;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * {@code actorchain inject} refuses bad flags before it talks to a node, in one line naming the flag and with exit code
 * 2 (ARCHITECTURE.md, "Interfaces"); a node that cannot be reached is said so the same way. What the node refuses
 * (an unknown validator, nothing to clear) is in {@code InJvmFaultApiTest}.
 */
class InjectCommandTest {
  static final Pattern LOG_RECORD = Pattern.compile("^\\d\\d:\\d\\d:\\d\\d\\.\\d{3} ");

  private static String oneLine(Cli.Outcome o) {
    assertThat(o.exitCode()).as("exit code; stderr %s", o.stderr()).isEqualTo(2);
    List<String> lines = o.stderr().stream().filter(l -> !LOG_RECORD.matcher(l).find()).toList();
    assertThat(lines).as("one line, no stack trace").hasSize(1);
    return lines.get(0);
  }

  @Test
  void shouldNameAnUnknownKindAndTheKinds() {
    assertThat(oneLine(Cli.run("inject", "--node", "127.0.0.1:1", "bribe", "--validator", "v1")))
        .startsWith("actorchain: unknown fault kind 'bribe'; the kinds are crash, double-proposal, double-vote, heal,")
        .endsWith("(see 'actorchain inject --help')");
    assertThat(oneLine(Cli.run("inject", "--node", "127.0.0.1:1"))).contains("KIND");
  }

  @Test
  void shouldNameAFlagThatDoesNotApplyToTheKind() {
    assertThat(oneLine(Cli.run("inject", "--node", "127.0.0.1:1", "offline", "--validator", "v1", "--delay", "3s")))
        .startsWith("actorchain: --delay does not apply to offline (its flags: --validator)");
    assertThat(oneLine(Cli.run("inject", "--node", "127.0.0.1:1", "heal", "--node-index", "2")))
        .startsWith("actorchain: --node-index does not apply to heal (its flags: none)");
  }

  @Test
  void shouldNameABadValueByItsFlag() {
    assertThat(oneLine(Cli.run("inject", "--node", "127.0.0.1:1", "partition", "--groups", "1,x/2")))
        .contains("--groups must be node ids ≥ 0, comma-separated, groups split by '/' (e.g. 1,2/3,4), got '1,x/2'");
    assertThat(oneLine(Cli.run("inject", "--node", "127.0.0.1:1", "offline", "--validator", "v1", "--until", "soon")))
        .contains("--until must be a duration such as 500ms or 30s, got 'soon'");
    assertThat(oneLine(Cli.run("inject", "--node", "127.0.0.1:1", "late", "--validator", "v1", "--delay", "0s")))
        .contains("--delay must be positive, got '0s'");
    assertThat(oneLine(Cli.run("inject", "--node", "127.0.0.1:1", "offline", "--validator", "v1", "--clear",
        "--until", "5s"))).contains("--until is for an injection; --clear ends the fault now");
    assertThat(oneLine(Cli.run("inject", "--node", "nowhere", "offline", "--validator", "v1"))).contains("--node");
  }

  @Test
  void shouldSayWhenTheNodeCannotBeReached() throws IOException {
    int closed;
    try (ServerSocket s = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
      closed = s.getLocalPort();
    }
    assertThat(oneLine(Cli.run("inject", "--node", "127.0.0.1:" + closed, "offline", "--validator", "v1")))
        .startsWith("actorchain: cannot reach node at 127.0.0.1:" + closed);
  }

  @Test
  void shouldDescribeEveryFlagInItsHelp() {
    CommandLine.Model.CommandSpec spec = new CommandLine(new InjectCommand()).getCommandSpec();
    assertThat(spec.options()).allSatisfy(o ->
        assertThat(String.join(" ", o.description())).as("help of %s", o.longestName()).isNotBlank());
    assertThat(spec.positionalParameters()).allSatisfy(p ->
        assertThat(String.join(" ", p.description())).isNotBlank());
    Cli.Outcome help = Cli.run("inject", "--help");
    assertThat(help.exitCode()).isZero();
    assertThat(String.join("\n", help.stdout())).contains("--validator", "--node-index", "--groups", "--delay",
        "--until", "--clear", "--mean", "--jitter", "--probability", "--release");
  }
}
