package io.actorchain.tests.sim;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.actorchain.tests.fixture.Cli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SIMULATION.md, "Determinism": the same scenario and seed give byte-identical outputs, wherever they are written. */
class SimulateDeterminismTest {
  static final Path SCENARIO = Cli.ROOT.resolve("scenarios/pow-partition.conf");

  @TempDir
  Path tmp;

  @Test
  void shouldWriteIdenticalOutputsForTheSameSeed() throws Exception {
    Path a = tmp.resolve("first");
    Path b = tmp.resolve("elsewhere/second");
    Cli.Outcome first = Cli.run("simulate", SCENARIO.toString(), "--out", a.toString(), "--quiet");
    Cli.Outcome second = Cli.run("simulate", SCENARIO.toString(), "--out", b.toString(), "--quiet");

    assertThat(first.exitCode()).as(String.join("\n", first.stderr())).isZero();
    assertThat(second.exitCode()).isZero();
    byte[] eventsA = Files.readAllBytes(a.resolve("events.jsonl"));
    assertThat(eventsA).isEqualTo(Files.readAllBytes(b.resolve("events.jsonl")));
    assertThat(new String(eventsA)).contains("\"type\":\"reorg\"").contains("\"type\":\"partition\"");
    assertThat(withoutWallClock(a)).isEqualTo(withoutWallClock(b));
  }

  @Test
  void shouldWriteIdenticalProofOfStakeOutputsAcrossTheMerge() throws Exception {
    Path merge = Cli.ROOT.resolve("../shared/scenarios/merge.conf").normalize();
    Path a = tmp.resolve("merge-a");
    Path b = tmp.resolve("merge-b");
    assertThat(Cli.run("simulate", merge.toString(), "--out", a.toString(), "--quiet", "--trace").exitCode()).isZero();
    assertThat(Cli.run("simulate", merge.toString(), "--out", b.toString(), "--quiet", "--trace").exitCode()).isZero();

    byte[] epochs = Files.readAllBytes(a.resolve("epochs.jsonl"));
    assertThat(epochs).isEqualTo(Files.readAllBytes(b.resolve("epochs.jsonl")));
    assertThat(Files.readAllBytes(a.resolve("events.jsonl"))).isEqualTo(Files.readAllBytes(b.resolve("events.jsonl")));
    assertThat(withoutWallClock(a)).isEqualTo(withoutWallClock(b));
    String text = new String(epochs);
    assertThat(text.lines()).hasSize(4 * 8).allSatisfy(l -> assertThat(l).contains("\"validators\":["));
    assertThat(new String(Files.readAllBytes(a.resolve("events.jsonl")))).contains("\"type\":\"merge\"")
        .contains("\"type\":\"finalized\"");
  }

  /**
   * The seed is the chain seed of a simulation, so it decides the keys and with them the RANDAO reveals: from epoch 2
   * on (epochs 0 and 1 draw from the genesis mix), two seeds give two proposer schedules.
   */
  @Test
  void shouldDrawOtherProposersUnderAnotherSeed() throws Exception {
    Path scenario = Cli.ROOT.resolve("../shared/scenarios/tutorial-stakes.conf").normalize();
    Path a = tmp.resolve("seed-8001");
    Path b = tmp.resolve("seed-8002");
    assertThat(Cli.run("simulate", scenario.toString(), "--out", a.toString(), "--quiet").exitCode()).isZero();
    Cli.run("simulate", scenario.toString(), "--seed", "8002", "--out", b.toString(), "--quiet");

    List<String> first = proposers(a);
    List<String> second = proposers(b);
    assertThat(first.subList(0, 15)).as("epochs 0 and 1: the genesis mix").isEqualTo(second.subList(0, 15));
    assertThat(first).as("epochs 2 on: each seed's own RANDAO").isNotEqualTo(second);
  }

  /** "slot:validator" of every block_proposed event, in order. */
  private static List<String> proposers(Path out) throws Exception {
    ObjectMapper json = new ObjectMapper();
    List<String> proposers = new ArrayList<>();
    for (String line : Files.readAllLines(out.resolve("events.jsonl"))) {
      JsonNode e = json.readTree(line);
      if (e.get("type").asText().equals("block_proposed")) {
        proposers.add(e.get("slot").asLong() + ":" + e.get("validator").asText());
      }
    }
    return proposers;
  }

  @Test
  void shouldWriteIdenticalOutputsWithValidatorFaults() throws Exception {
    Path scenario = Cli.ROOT.resolve("scenarios/validator-faults.conf");
    Path a = tmp.resolve("faults-a");
    Path b = tmp.resolve("faults-b");
    assertThat(Cli.run("simulate", scenario.toString(), "--out", a.toString(), "--quiet", "--trace").exitCode()).isZero();
    assertThat(Cli.run("simulate", scenario.toString(), "--out", b.toString(), "--quiet", "--trace").exitCode()).isZero();

    assertThat(Files.readAllBytes(a.resolve("epochs.jsonl"))).isEqualTo(Files.readAllBytes(b.resolve("epochs.jsonl")));
    byte[] events = Files.readAllBytes(a.resolve("events.jsonl"));
    assertThat(events).isEqualTo(Files.readAllBytes(b.resolve("events.jsonl")));
    assertThat(new String(events)).contains("\"fault\":\"double-vote\"").contains("\"type\":\"duty_skipped\"");
    assertThat(withoutWallClock(a)).isEqualTo(withoutWallClock(b));
  }

  @Test
  void shouldWriteIdenticalOutputsWithSelfishMining() throws Exception {
    Path scenario = Cli.ROOT.resolve("scenarios/selfish-mining.conf");
    Path a = tmp.resolve("selfish-a");
    Path b = tmp.resolve("selfish-b");
    assertThat(Cli.run("simulate", scenario.toString(), "--out", a.toString(), "--quiet").exitCode()).isZero();
    assertThat(Cli.run("simulate", scenario.toString(), "--out", b.toString(), "--quiet").exitCode()).isZero();

    assertThat(Files.readAllBytes(a.resolve("events.jsonl"))).isEqualTo(Files.readAllBytes(b.resolve("events.jsonl")));
    assertThat(withoutWallClock(a)).isEqualTo(withoutWallClock(b));
  }

  @Test
  void shouldWriteIdenticalOutputsWhenANodeCrashesAndRestarts() throws Exception {
    Path scenario = Cli.ROOT.resolve("scenarios/crash-restart.conf");
    Path a = tmp.resolve("crash-a");
    Path b = tmp.resolve("elsewhere/crash-b");
    Cli.Outcome first = Cli.run("simulate", scenario.toString(), "--out", a.toString(), "--quiet", "--trace");
    assertThat(first.exitCode()).as(String.join("\n", first.stdout()) + String.join("\n", first.stderr())).isZero();
    assertThat(Cli.run("simulate", scenario.toString(), "--out", b.toString(), "--quiet", "--trace").exitCode()).isZero();

    assertThat(Files.readAllBytes(a.resolve("epochs.jsonl"))).isEqualTo(Files.readAllBytes(b.resolve("epochs.jsonl")));
    byte[] events = Files.readAllBytes(a.resolve("events.jsonl"));
    assertThat(events).isEqualTo(Files.readAllBytes(b.resolve("events.jsonl")));
    assertThat(new String(events)).contains("{\"t\":18000,\"node\":2,\"type\":\"node_crashed\"}")
        .contains("{\"t\":34000,\"node\":2,\"type\":\"node_restarted\",\"downMillis\":16000}")
        .contains("\"type\":\"beacon_chain_reloaded\"");
    JsonNode summary = withoutWallClock(a);
    assertThat(summary).isEqualTo(withoutWallClock(b));
    assertThat(summary.get("expectations")).allSatisfy(x -> assertThat(x.get("passed").asBoolean()).as(x.toString()).isTrue());
    assertThat(summary.get("nodes").get(2).get("finalized").get("epoch").asLong()).isGreaterThanOrEqualTo(7);
  }

  @Test
  void shouldChangeTheRunWhenTheSeedChanges() throws Exception {
    Path a = tmp.resolve("seed-a");
    Path b = tmp.resolve("seed-b");
    assertThat(Cli.run("simulate", SCENARIO.toString(), "--out", a.toString(), "--quiet").exitCode()).isZero();
    assertThat(Cli.run("simulate", SCENARIO.toString(), "--out", b.toString(), "--quiet", "--seed", "12").exitCode()).isZero();
    assertThat(withoutWallClock(a).get("resultHash")).isNotEqualTo(withoutWallClock(b).get("resultHash"));
    assertThat(withoutWallClock(b).get("seed").asLong()).isEqualTo(12);
  }

  private static JsonNode withoutWallClock(Path dir) throws Exception {
    ObjectNode summary = (ObjectNode) new ObjectMapper().readTree(dir.resolve("summary.json").toFile());
    summary.remove("wallSeconds");
    summary.remove("slotsPerSecond");
    return summary;
  }
}
