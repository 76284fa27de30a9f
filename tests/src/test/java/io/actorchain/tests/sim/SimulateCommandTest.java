package io.actorchain.tests.sim;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.actorchain.core.codec.Sha256;
import io.actorchain.tests.fixture.Cli;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code simulate}: outputs as SIMULATION.md specifies, exit codes 0/1/2, one line per problem in a bad scenario. */
class SimulateCommandTest {
  @TempDir
  Path tmp;

  private Path scenario(String body) throws Exception {
    Path f = Files.createTempFile(tmp, "scenario", ".conf");
    Files.writeString(f, "scenario {\n" + body + "\n}\n");
    return f;
  }

  private static final String POW = """
      name = t
      seed = 3
      consensus = pow
      stop { height = 30 }
      network { nodes = 3, latency { mean = 50ms, jitter = 10ms } }
      miners = [ { node = 0, hashrate = 1000 }, { node = 2, hashrate = 2000 } ]
      """;

  @Test
  void shouldPassAndWriteTheDocumentedSummary() throws Exception {
    Path out = tmp.resolve("out");
    Cli.Outcome o = Cli.run("simulate", scenario(POW + "expect = [ { head-agreement = true }, { height-at-least = 30 } ]").toString(),
        "--out", out.toString(), "--quiet");

    assertThat(o.exitCode()).as(String.join("\n", o.stderr())).isZero();
    assertThat(o.stdout()).anyMatch(l -> l.contains("expect head-agreement = true: passed"));
    JsonNode s = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
    assertThat(s.get("scenario").asText()).isEqualTo("t");
    assertThat(s.get("consensus").asText()).isEqualTo("pow");
    assertThat(s.get("nodes")).hasSize(3);
    assertThat(s.get("nodes").get(0).get("headHeight").asLong()).isGreaterThanOrEqualTo(30);
    assertThat(s.get("nodes").get(0).has("totalDifficulty")).isTrue();
    assertThat(s.get("pow").get("height").asLong()).isGreaterThanOrEqualTo(30);
    assertThat(s.get("expectations")).hasSize(2).allSatisfy(e -> assertThat(e.get("passed").asBoolean()).isTrue());
    // resultHash is the SHA-256 of the canonical JSON (sorted keys, no spaces) of nodes and validators
    String canonical = "{\"nodes\":" + sortedCompact(s.get("nodes")) + ",\"validators\":[]}";
    assertThat(s.get("resultHash").asText()).isEqualTo(Sha256.hash(canonical.getBytes(StandardCharsets.UTF_8)).toHex());
    assertThat(Files.readAllLines(out.resolve("events.jsonl"))).isNotEmpty()
        .allSatisfy(l -> assertThat(l).startsWith("{\"t\":"))
        .anySatisfy(l -> assertThat(l).contains("\"type\":\"pow_block_mined\""));
  }

  private static String sortedCompact(JsonNode nodes) throws Exception {
    ObjectMapper m = new ObjectMapper().configure(com.fasterxml.jackson.databind.SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);
    return m.writeValueAsString(m.convertValue(nodes, java.util.List.class));
  }

  @Test
  void shouldExitOneWhenAnExpectationFails() throws Exception {
    Cli.Outcome o = Cli.run("simulate", scenario(POW + "expect = [ { height-at-least = 100000 } ]").toString(),
        "--out", tmp.resolve("fail").toString(), "--quiet");
    assertThat(o.exitCode()).isEqualTo(1);
    assertThat(o.stdout()).anyMatch(l -> l.contains("height-at-least = 100000: FAILED"));
  }

  @Test
  void shouldListEveryProblemOfABadScenarioOnItsOwnLine() throws Exception {
    Path bad = scenario("""
        consensus = pow
        colour = blue
        network { nodes = 2, latency { mean = 10ms, jitter = 50ms } }
        miners = [ { node = 5, hashrate = 0 } ]
        faults = [ { at = "tomorrow", kind = partition, groups = [[0], [7]] } ]
        expect = [ { wishful = true } ]
        """);
    Cli.Outcome o = Cli.run("simulate", bad.toString(), "--out", tmp.resolve("bad").toString());

    assertThat(o.exitCode()).isEqualTo(2);
    assertThat(o.stderr()).allSatisfy(l -> assertThat(l).startsWith("actorchain: ").doesNotContain("Exception"));
    assertThat(String.join("\n", o.stderr()))
        .contains("scenario.colour: unknown key")
        .contains("scenario.stop: missing")
        .contains("scenario.network.latency.jitter")
        .contains("scenario.miners[0].node: unknown node 5")
        .contains("scenario.miners[0].hashrate")
        .contains("scenario.faults[0].at")
        .contains("scenario.faults[0].groups: unknown node 7")
        .contains("scenario.expect[0].wishful: unknown expectation");
    assertThat(tmp.resolve("bad")).doesNotExist();
  }

  @Test
  void shouldRejectAFileThatIsNotHocon() throws Exception {
    Path f = tmp.resolve("broken.conf");
    Files.writeString(f, "scenario { name = \"unterminated }");
    Cli.Outcome o = Cli.run("simulate", f.toString());
    assertThat(o.exitCode()).isEqualTo(2);
    assertThat(o.stderr()).singleElement().asString().contains("not valid HOCON");
  }

  @Test
  void shouldRejectAMissingFileAndAnUnknownFlag() {
    assertThat(Cli.run("simulate", tmp.resolve("nope.conf").toString()).stderr()).singleElement().asString()
        .contains("no such scenario file");
    Cli.Outcome o = Cli.run("simulate", "--frobnicate", "x.conf");
    assertThat(o.exitCode()).isEqualTo(2);
    assertThat(o.stderr()).singleElement().asString().contains("--frobnicate");
  }
}
