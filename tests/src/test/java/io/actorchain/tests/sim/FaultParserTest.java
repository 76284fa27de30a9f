package io.actorchain.tests.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.typesafe.config.ConfigFactory;
import io.actorchain.node.fault.Fault;
import io.actorchain.node.net.LinkFault;
import io.actorchain.node.sim.Scenario;
import io.actorchain.node.sim.ScenarioException;
import io.actorchain.node.sim.ScenarioParser;
import io.actorchain.tests.fixture.Cli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code faults} list of a scenario (SIMULATION.md): every kind parses into the faults it injects, and every bad
 * entry is a problem naming its key path and what is wrong; an unknown validator or node is never ignored.
 */
class FaultParserTest {
  static final String POS = """
      name = t, consensus = pos, stop { epochs = 4 }, network { nodes = 4 }, validators { count = 8, stake = 32 }
      """;
  static final String POW = """
      name = t, consensus = pow, stop { height = 20 }, network { nodes = 4 }
      miners = [ { node = 0, hashrate = 1000 }, { node = 3, hashrate = 3000 } ]
      """;

  private static Scenario parse(String base, String faults) {
    return ScenarioParser.parse(ConfigFactory.parseString("scenario { " + base + "\n faults = [ " + faults + " ] }"));
  }

  private static List<String> problems(String base, String faults) {
    ScenarioException e = catchThrowableOfType(ScenarioException.class, () -> parse(base, faults));
    assertThat(e).as("a bad scenario").isNotNull();
    return e.problems();
  }

  private static List<Fault> faultsOf(String base, String fault) {
    List<Scenario.FaultSpec> specs = parse(base, fault).faults();
    assertThat(specs).hasSize(1);
    return specs.get(0).faults();
  }

  @Test
  void shouldParseEveryValidatorFault() {
    assertThat(faultsOf(POS, "{ at = \"epoch 3\", kind = double-vote, validator = v5 }"))
        .containsExactly(new Fault.DoubleVote("v5"));
    assertThat(faultsOf(POS, "{ at = \"epoch 3\", kind = surround-vote, validator = v6 }"))
        .containsExactly(new Fault.SurroundVote("v6"));
    assertThat(faultsOf(POS, "{ at = \"slot 30\", kind = double-proposal, validator = v3 }"))
        .containsExactly(new Fault.DoubleProposal("v3"));
    assertThat(faultsOf(POS, "{ at = \"epoch 3\", kind = late, validator = v4, delay = 3s, until = \"epoch 6\" }"))
        .containsExactly(new Fault.Late("v4", 3000));
    Scenario.FaultSpec offline = parse(POS, "{ at = \"epoch 1\", kind = offline, validators = [v1, v2], until = \"second 30\" }")
        .faults().get(0);
    assertThat(offline.faults()).containsExactly(new Fault.Offline("v1"), new Fault.Offline("v2"));
    assertThat(offline.at()).isEqualTo(new Scenario.At(Scenario.AtKind.EPOCH, 1));
    assertThat(offline.until()).isEqualTo(new Scenario.At(Scenario.AtKind.SECOND, 30));
  }

  @Test
  void shouldParseEveryMinerAndLinkFault() {
    assertThat(faultsOf(POW, "{ at = \"height 10\", kind = private-chain, node = 3, release = \"height 16\" }"))
        .containsExactly(new Fault.PrivateChain(3, new Fault.Release(Fault.Release.Unit.HEIGHT, 16)));
    assertThat(faultsOf(POW, "{ at = \"second 5\", kind = private-chain, node = 0, release = \"second 60\" }"))
        .containsExactly(new Fault.PrivateChain(0, new Fault.Release(Fault.Release.Unit.SECOND, 60)));
    assertThat(faultsOf(POW, "{ at = \"second 5\", kind = private-chain, node = 0, until = \"second 60\" }"))
        .containsExactly(new Fault.PrivateChain(0, null));
    assertThat(faultsOf(POW, "{ at = \"height 3\", kind = selfish-mining, node = 3 }"))
        .containsExactly(new Fault.SelfishMining(3));
    assertThat(faultsOf(POW, "{ at = \"second 5\", kind = partition, groups = [[0, 1], [2, 3]], until = \"second 9\" }"))
        .containsExactly(new Fault.Partition(List.of(List.of(0, 1), List.of(2, 3))));
    assertThat(faultsOf(POW, "{ at = \"second 5\", kind = latency, mean = 2s, jitter = 100ms }"))
        .containsExactly(new Fault.Link(new LinkFault.Latency(2000, 100)));
    assertThat(faultsOf(POW, "{ at = \"second 5\", kind = loss, probability = 0.25 }"))
        .containsExactly(new Fault.Link(new LinkFault.Loss(0.25)));
    assertThat(faultsOf(POW, "{ at = \"second 5\", kind = heal }")).containsExactly(new Fault.Link(new LinkFault.Heal()));
  }

  @Test
  void shouldNameAnUnknownValidatorOrNode() {
    assertThat(problems(POS, "{ at = \"epoch 3\", kind = double-vote, validator = v9 }")).containsExactly(
        "scenario.faults[0].validator: unknown validator 'v9'; the validators are v0, v1, v2, v3, v4, v5, v6, v7");
    assertThat(problems(POS, "{ at = \"epoch 3\", kind = offline, validators = [v1, bob] }")).containsExactly(
        "scenario.faults[0].validators: unknown validator 'bob'; the validators are v0, v1, v2, v3, v4, v5, v6, v7");
    assertThat(problems(POW, "{ at = \"height 3\", kind = selfish-mining, node = 4 }"))
        .containsExactly("scenario.faults[0].node: unknown node 4; nodes are 0..3");
    assertThat(problems(POW, "{ at = \"height 3\", kind = private-chain, node = 1, release = \"height 9\" }"))
        .containsExactly("scenario.faults[0].node: node 1 hosts no miner; private-chain needs one (scenario.miners)");
    assertThat(problems(POW, "{ at = \"second 3\", kind = partition, groups = [[0, 9]] }"))
        .containsExactly("scenario.faults[0].groups: unknown node 9; nodes are 0..3");
  }

  @Test
  void shouldNameWhatIsMissingOrWrongInEachKind() {
    assertThat(problems(POS, "{ at = \"epoch 3\", kind = late, validator = v4 }"))
        .containsExactly("scenario.faults[0].delay: missing; late holds each message back this long, e.g. delay = 3s");
    assertThat(problems(POS, "{ at = \"epoch 3\", kind = double-vote }"))
        .containsExactly("scenario.faults[0]: missing validator = NAME (or validators = [A, B])");
    assertThat(problems(POS, "{ at = \"epoch 3\", kind = double-vote, validator = v1, validators = [v2] }"))
        .containsExactly("scenario.faults[0]: give validator or validators, not both");
    assertThat(problems(POS, "{ at = \"epoch 3\", kind = offline, validator = v1, delay = 2s }"))
        .containsExactly("scenario.faults[0].delay: not a field of offline; allowed: [at, kind, until, validator, validators]");
    assertThat(problems(POS, "{ at = \"epoch 5\", kind = offline, validator = v1, until = \"epoch 2\" }"))
        .containsExactly("scenario.faults[0].until: must be after at (epoch 5), got epoch 2");
    assertThat(problems(POS, "{ at = \"height 5\", kind = offline, validator = v1 }")).containsExactly(
        "scenario.faults[0].at: times in heights need consensus = pow; use \"epoch E\", \"slot S\" or \"second T\"");
    assertThat(problems(POW, "{ at = \"height 3\", kind = private-chain, node = 3 }")).containsExactly(
        "scenario.faults[0].release: missing; when the withheld chain is published: release = \"height H\" or "
            + "\"second T\" (or give until)");
    assertThat(problems(POW, "{ at = \"height 3\", kind = private-chain, node = 3, release = \"epoch 2\" }"))
        .containsExactly("scenario.faults[0].release: must be \"height H\" or \"second T\", got \"epoch 2\"");
    assertThat(problems(POW, "{ at = \"height 3\", kind = selfish-mining }"))
        .containsExactly("scenario.faults[0].node: missing; the index of the node, 0..3");
    assertThat(problems(POW, "{ at = \"height 3\", kind = bribe, node = 3 }")).singleElement().asString()
        .startsWith("scenario.faults[0].kind: unknown fault 'bribe'; known: [crash, double-proposal, double-vote,");
  }

  @Test
  void shouldRefuseFaultsTheConsensusCannotHave() {
    assertThat(problems(POW.replace("network { nodes = 4 }", "network { nodes = 4 }"),
        "{ at = \"height 3\", kind = offline, validator = v1 }")).contains(
        "scenario.faults[0].kind: offline is a validator fault: it needs consensus = pos or merge");
    assertThat(problems(POS, "{ at = \"epoch 3\", kind = selfish-mining, node = 0 }")).contains(
        "scenario.faults[0].kind: selfish-mining is a miner fault: it needs consensus = pow or merge");
  }

  @Test
  void shouldParseCrashAndNameAnUnknownNode() {
    assertThat(faultsOf(POS, "{ at = \"epoch 2\", kind = crash, node = 2, until = \"epoch 4\" }"))
        .containsExactly(new Fault.Crash(2));
    assertThat(problems(POS, "{ at = \"epoch 2\", kind = crash, node = 5 }"))
        .containsExactly("scenario.faults[0].node: unknown node 5; nodes are 0..3");
    assertThat(problems(POS, "{ at = \"epoch 2\", kind = crash }"))
        .containsExactly("scenario.faults[0].node: missing; the index of the node, 0..3");
  }

  @TempDir
  Path tmp;

  @Test
  void shouldExitTwoNamingTheUnknownValidator() throws Exception {
    Path file = tmp.resolve("bad.conf");
    Files.writeString(file, "scenario { " + POS + "\n faults = [ { at = \"epoch 3\", kind = double-vote, validator = v42 } ] }");
    Cli.Outcome run = Cli.run("simulate", file.toString(), "--out", tmp.resolve("out").toString(), "--quiet");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.stderr()).singleElement().asString()
        .endsWith("scenario.faults[0].validator: unknown validator 'v42'; the validators are v0, v1, v2, v3, v4, v5, v6, v7");
  }
}
