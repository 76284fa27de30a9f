package io.actorchain.tests.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import io.actorchain.node.conformance.CaseOutcome;
import io.actorchain.node.conformance.ConformanceSuite;
import io.actorchain.node.conformance.SuiteReport;
import io.actorchain.tests.fixture.Cli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Core's epoch processing against Ethereum's official phase0 vectors (CONSENSUS.md §8): every case of
 * {@code shared/conformance} (beside the repository) must pass, in both presets.
 */
class ConformanceTest {
  static final Path VECTORS = Cli.ROOT.resolve("../shared/conformance").normalize();

  static final List<String> JUSTIFICATION_CASES = List.of("123_ok_support", "123_poor_support", "12_ok_support",
      "12_ok_support_messed_target", "12_poor_support", "234_ok_support", "234_poor_support", "23_ok_support",
      "23_poor_support");
  static final List<String> SLASHINGS_CASES = List.of("low_penalty", "max_penalties", "minimal_penalty",
      "scaled_penalties");
  static final List<String> EFFECTIVE_BALANCE_CASES = List.of("effective_balance_hysteresis");

  static List<String> expectedCaseIds() {
    List<String> ids = new ArrayList<>();
    for (String preset : List.of("minimal", "mainnet")) {
      EFFECTIVE_BALANCE_CASES.forEach(c -> ids.add(preset + "/effective_balance_updates/" + c));
      JUSTIFICATION_CASES.forEach(c -> ids.add(preset + "/justification_and_finalization/" + c));
      SLASHINGS_CASES.forEach(c -> ids.add(preset + "/slashings/" + c));
    }
    return ids;
  }

  @Test
  void shouldPassEveryPhase0EpochProcessingVector() {
    SuiteReport report = ConformanceSuite.run(VECTORS, ConformanceSuite.PRESETS, o -> {});
    List<String> failures = report.cases().stream().filter(o -> !o.passed()).map(CaseOutcome::line).toList();
    assertThat(failures).as("failed cases").isEmpty();
    assertThat(report.cases()).extracting(CaseOutcome::id).containsExactlyElementsOf(expectedCaseIds());
    assertThat(report.summary()).isEqualTo("28 passed, 0 failed");
  }

  @Test
  void shouldPrintOneLinePerCaseAndTheTotalsFromTheCommandLine() {
    Cli.Outcome o = Cli.run("conformance", VECTORS.toString(), "--preset", "minimal");
    assertThat(o.exitCode()).as("exit code, stderr %s", o.stderr()).isZero();
    assertThat(o.stdout()).hasSize(15);
    assertThat(o.stdout().subList(0, 14)).allSatisfy(l -> assertThat(l).startsWith("PASS minimal/"));
    assertThat(o.stdout()).contains("PASS minimal/justification_and_finalization/12_ok_support_messed_target");
    assertThat(o.stdout().get(14)).isEqualTo("14 passed, 0 failed");
  }

  @Test
  void shouldFailACorruptCaseWithItsReason(@TempDir Path tmp) throws Exception {
    Path source = VECTORS.resolve("phase0/minimal");
    Path target = tmp.resolve("phase0/minimal");
    Files.createDirectories(target.resolve("config"));
    Files.copy(source.resolve("config/phase0.yaml"), target.resolve("config/phase0.yaml"));
    Path caseDir = target.resolve("epoch_processing/slashings/pyspec_tests/low_penalty");
    Files.createDirectories(caseDir);
    Path sourceCase = source.resolve("epoch_processing/slashings/pyspec_tests/low_penalty");
    Files.copy(sourceCase.resolve("pre.ssz_snappy"), caseDir.resolve("pre.ssz_snappy"));
    Files.write(caseDir.resolve("post.ssz_snappy"), new byte[] {5, 1, 2});

    Cli.Outcome o = Cli.run("conformance", tmp.toString(), "--preset", "minimal");
    assertThat(o.exitCode()).isEqualTo(1);
    assertThat(o.stdout()).hasSize(2);
    assertThat(o.stdout().get(0)).startsWith("FAIL minimal/slashings/low_penalty : ");
    assertThat(o.stdout().get(1)).isEqualTo("0 passed, 1 failed");
  }

  @Test
  void shouldRejectADirectoryThatIsNotAVectorTree(@TempDir Path tmp) {
    Cli.Outcome missing = Cli.run("conformance", tmp.resolve("nope").toString());
    assertThat(missing.exitCode()).isEqualTo(2);
    assertThat(missing.stderr()).singleElement().asString().startsWith("actorchain: conformance:")
        .contains("is not a directory");

    Cli.Outcome empty = Cli.run("conformance", tmp.toString());
    assertThat(empty.exitCode()).isEqualTo(2);
    assertThat(empty.stderr()).singleElement().asString().contains("has no phase0/minimal/epoch_processing");

    Cli.Outcome badPreset = Cli.run("conformance", VECTORS.toString(), "--preset", "tutorial");
    assertThat(badPreset.exitCode()).isEqualTo(2);
    assertThat(badPreset.stderr()).singleElement().asString().contains("unknown preset 'tutorial'");
  }
}
