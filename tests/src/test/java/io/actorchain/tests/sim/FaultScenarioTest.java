package io.actorchain.tests.sim;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.actorchain.tests.fixture.Cli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Faults from a scenario file (SIMULATION.md, {@code faults}): injected at {@code at}, cleared at {@code until}, and
 * what each did in summary.json's {@code faults} list and in events.jsonl.
 */
class FaultScenarioTest {
  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  Path tmp;

  private static List<JsonNode> events(Path out, String type) throws Exception {
    List<JsonNode> found = new ArrayList<>();
    for (String line : Files.readAllLines(out.resolve("events.jsonl"))) {
      JsonNode e = JSON.readTree(line);
      if (e.get("type").asText().equals(type)) {
        found.add(e);
      }
    }
    return found;
  }

  @Test
  void shouldRunEveryValidatorFaultAndSayWhichDoubleProposersHadNoProposalDuty() throws Exception {
    Path out = tmp.resolve("validator-faults");
    Cli.Outcome run = Cli.run("simulate", Cli.ROOT.resolve("scenarios/validator-faults.conf").toString(), "--out",
        out.toString(), "--quiet");

    assertThat(run.exitCode()).as(String.join("\n", run.stdout()) + String.join("\n", run.stderr())).isZero();
    JsonNode faults = JSON.readTree(out.resolve("summary.json").toFile()).get("faults");
    assertThat(faults).hasSize(16);
    List<JsonNode> proposers = new ArrayList<>();
    faults.forEach(f -> {
      if (f.get("kind").asText().equals("double-proposal")) {
        proposers.add(f);
      }
    });
    assertThat(proposers).hasSize(11).anyMatch(f -> f.get("duties").asInt() > 0)
        .anyMatch(f -> f.get("duties").asInt() == 0);
    for (JsonNode f : proposers) {
      String v = f.get("validator").asText();
      if (f.get("duties").asInt() == 0) {
        assertThat(f.get("note").asText()).isEqualTo(v + " had no proposal duty from slot 90 to slot 94: "
            + "it never double-proposed");
        assertThat(run.stdout()).contains("fault double-proposal " + v + ": " + f.get("note").asText());
      } else {
        assertThat(f.get("note").isNull()).isTrue();
      }
    }
    assertThat(faults.get(0).get("kind").asText()).isEqualTo("double-vote");
    assertThat(faults.get(0).get("duties").asInt()).as("v5's duties in epochs 3 and 4").isEqualTo(2);
    assertThat(events(out, "fault_injected")).hasSize(5);
    assertThat(events(out, "fault_cleared")).hasSize(5);
    assertThat(events(out, "attestation")).anyMatch(e -> e.get("fault").asText().equals("double-vote"))
        .anyMatch(e -> e.get("fault").asText().equals("surround-vote"))
        .anyMatch(e -> e.get("fault").asText().equals("late"));
    assertThat(events(out, "duty_skipped")).isNotEmpty();
    assertThat(events(out, "fault_rejected")).isEmpty();
  }

  @Test
  void shouldGiveTheSelfishMinerMoreThanItsHashrateShareOfTheCanonicalChain() throws Exception {
    Path out = tmp.resolve("selfish");
    Cli.Outcome run = Cli.run("simulate", Cli.ROOT.resolve("scenarios/selfish-mining.conf").toString(), "--out",
        out.toString(), "--quiet");

    assertThat(run.exitCode()).as(String.join("\n", run.stderr())).isZero();
    JsonNode summary = JSON.readTree(out.resolve("summary.json").toFile());
    JsonNode miners = summary.get("pow").get("miners");
    assertThat(miners).hasSize(3);
    long canonical = 0;
    for (JsonNode m : miners) {
      canonical += m.get("canonicalBlocks").asLong();
    }
    assertThat(canonical).as("every canonical block is some miner's").isEqualTo(summary.get("pow").get("height").asLong());
    JsonNode selfish = miners.get(0);
    assertThat(selfish.get("hashrateShare").asDouble()).isEqualTo(0.4);
    assertThat(selfish.get("canonicalShare").asDouble()).as("Eyal and Sirer: more than its hashrate share")
        .isGreaterThan(0.4);
    JsonNode fault = summary.get("faults").get(0);
    assertThat(fault.get("kind").asText()).isEqualTo("selfish-mining");
    assertThat(fault.get("withheld").asLong()).isPositive();
    assertThat(fault.get("released").asLong()).isPositive().isLessThanOrEqualTo(fault.get("withheld").asLong());
    assertThat(events(out, "blocks_released")).extracting(e -> e.get("reason").asText()).contains("race", "lead of two");
  }

  @Test
  void shouldReorgEveryHonestNodeWhenTheMajorityReleasesItsPrivateChain() throws Exception {
    Path out = tmp.resolve("private-chain");
    Cli.Outcome run = Cli.run("simulate", Cli.ROOT.resolve("scenarios/private-chain.conf").toString(), "--out",
        out.toString(), "--quiet");

    assertThat(run.exitCode()).as(String.join("\n", run.stderr())).isZero();
    List<JsonNode> released = events(out, "blocks_released");
    assertThat(released).hasSize(1);
    assertThat(released.get(0).get("toHeight").asLong()).isEqualTo(24);
    long at = released.get(0).get("t").asLong();
    for (int honest = 0; honest < 3; honest++) {
      int node = honest;
      assertThat(events(out, "reorg")).as("node %d dropped its branch for the released chain", node)
          .anyMatch(e -> e.get("node").asInt() == node && e.get("t").asLong() >= at && e.get("depth").asInt() > 1);
    }
    JsonNode fault = JSON.readTree(out.resolve("summary.json").toFile()).get("faults").get(0);
    assertThat(fault.get("withheld").asLong()).isEqualTo(fault.get("released").asLong()).isPositive();
  }

  /** In a merge scenario, "epoch E" and "slot S" count from PoS genesis, which is known only once the merge happened. */
  @Test
  void shouldTimeEpochFaultsOfAMergeScenarioFromProofOfStakeGenesis() throws Exception {
    Path scenario = tmp.resolve("merge-fault.conf");
    Files.writeString(scenario, String.join("\n",
        "scenario {",
        "  name = merge-fault, seed = 4, preset = minimal, consensus = merge, merge.at-height = 6",
        "  stop { epochs = 4 }",
        "  network { nodes = 2, latency { mean = 20ms, jitter = 0ms } }",
        "  miners = [ { node = 0, hashrate = 1000 }, { node = 1, hashrate = 1000 } ]",
        "  validators { count = 8, stake = 32 }",
        "  faults = [ { at = \"epoch 2\", kind = offline, validator = v3, until = \"slot 28\" },",
        "             { at = \"second 5\", kind = latency, mean = 30ms, jitter = 0ms } ]",
        "}"));
    Path out = tmp.resolve("merge-fault");
    Cli.Outcome run = Cli.run("simulate", scenario.toString(), "--out", out.toString(), "--quiet");

    assertThat(run.exitCode()).as(String.join("\n", run.stderr())).isZero();
    long genesisMillis = events(out, "merge").get(0).get("genesisTime").asLong() * 1000;
    assertThat(genesisMillis).as("the merge comes after some PoW").isPositive();
    List<JsonNode> injected = events(out, "fault_injected");
    assertThat(injected).extracting(e -> e.get("kind").asText() + "@" + e.get("t").asLong())
        .containsExactly("latency@5000", "offline@" + (genesisMillis + 2 * 8 * 1000));
    assertThat(events(out, "fault_cleared")).extracting(e -> e.get("t").asLong()).containsExactly(genesisMillis + 28 * 1000);
  }
}
