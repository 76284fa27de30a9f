package io.actorchain.node.conformance;

import io.actorchain.core.codec.MalformedEncodingException;
import io.actorchain.core.conformance.ConformanceRunner;
import io.actorchain.core.conformance.EpochStep;
import io.actorchain.core.conformance.Phase0Preset;
import io.actorchain.core.conformance.Phase0State;
import io.actorchain.core.pos.ConsensusConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.xerial.snappy.Snappy;

/**
 * Walks {@code DIR/phase0/<preset>/epoch_processing/<step>/pyspec_tests/<case>/{pre,post}.ssz_snappy} in sorted
 * order and runs each case. A broken case (bad Snappy, bad SSZ, a step without a runner) fails with its reason; a
 * missing or malformed tree is a {@link SuiteException}.
 */
public final class ConformanceSuite {
  /** The presets in the order they run. */
  public static final List<String> PRESETS = List.of("minimal", "mainnet");
  /** No state in the phase0 vectors comes near this; it bounds what a corrupt length header can allocate. */
  static final int MAX_UNCOMPRESSED_BYTES = 64 << 20;

  private ConformanceSuite() {}

  /** The presets {@code --preset} selects: {@code minimal}, {@code mainnet} or {@code all}. */
  public static List<String> presets(String choice) {
    if (choice.equals("all")) {
      return PRESETS;
    }
    if (PRESETS.contains(choice)) {
      return List.of(choice);
    }
    throw new SuiteException("--preset: unknown preset '" + choice + "'; choose minimal, mainnet or all");
  }

  /** Runs every case of {@code presets} under {@code dir}, telling {@code onCase} about each as it finishes. */
  public static SuiteReport run(Path dir, List<String> presets, Consumer<CaseOutcome> onCase) {
    if (!Files.isDirectory(dir)) {
      throw new SuiteException("conformance: " + dir + " is not a directory");
    }
    List<CaseOutcome> outcomes = new ArrayList<>();
    for (String preset : presets) {
      Path presetDir = dir.resolve("phase0").resolve(preset);
      Path stepsDir = presetDir.resolve("epoch_processing");
      if (!Files.isDirectory(stepsDir)) {
        throw new SuiteException("conformance: " + dir + " has no phase0/" + preset
            + "/epoch_processing (is it shared/conformance?)");
      }
      Phase0Preset constants = readPreset(preset, presetDir.resolve("config").resolve("phase0.yaml"));
      ConsensusConfig config = constants.consensusConfig();
      for (Path stepDir : sortedChildren(stepsDir)) {
        for (Path caseDir : sortedChildren(stepDir.resolve("pyspec_tests"))) {
          CaseOutcome o = runCase(preset, stepDir.getFileName().toString(), caseDir, constants, config);
          outcomes.add(o);
          onCase.accept(o);
        }
      }
    }
    return new SuiteReport(outcomes);
  }

  private static Phase0Preset readPreset(String preset, Path yaml) {
    if (!Files.isRegularFile(yaml)) {
      throw new SuiteException("conformance: " + yaml + " is missing");
    }
    try {
      return Phase0Preset.fromYaml(preset, Files.readString(yaml));
    } catch (IOException e) {
      throw new SuiteException("conformance: cannot read " + yaml + ": " + e.getMessage());
    } catch (IllegalArgumentException e) {
      throw new SuiteException("conformance: " + yaml + ": " + e.getMessage());
    }
  }

  static CaseOutcome runCase(String preset, String step, Path caseDir, Phase0Preset constants,
      ConsensusConfig config) {
    long start = System.nanoTime();
    String name = caseDir.getFileName().toString();
    String summary = "";
    try {
      EpochStep epochStep = EpochStep.byName(step);
      Phase0State pre = Phase0State.decode(uncompress(caseDir.resolve("pre.ssz_snappy")), constants);
      Phase0State post = Phase0State.decode(uncompress(caseDir.resolve("post.ssz_snappy")), constants);
      summary = "slot " + Long.toUnsignedString(pre.slot()) + ", " + pre.validators().size() + " validators, "
          + pre.previousEpochAttestations().size() + "+" + pre.currentEpochAttestations().size()
          + " pending attestations";
      ConformanceRunner.Result r = ConformanceRunner.run(epochStep, pre, post, config);
      return new CaseOutcome(preset, step, name, r.passed(), r.differences(), summary, millisSince(start));
    } catch (IOException | RuntimeException e) {
      return new CaseOutcome(preset, step, name, false, List.of(reason(e)), summary, millisSince(start));
    }
  }

  /** The exception in one line; where it was thrown too, when it is not a plain input error. */
  private static String reason(Exception e) {
    String reason = e.getClass().getSimpleName() + ": " + e.getMessage();
    boolean inputError = e instanceof IOException || e instanceof MalformedEncodingException
        || e instanceof IllegalArgumentException;
    if (!inputError && e.getStackTrace().length > 0) {
      reason += " at " + e.getStackTrace()[0];
    }
    return reason;
  }

  /** The Snappy block-format file, uncompressed. */
  static byte[] uncompress(Path file) throws IOException {
    byte[] compressed = Files.readAllBytes(file);
    int length = Snappy.uncompressedLength(compressed);
    if (length < 0 || length > MAX_UNCOMPRESSED_BYTES) {
      throw new IOException(file.getFileName() + ": uncompressed length " + length + " is out of range");
    }
    return Snappy.uncompress(compressed);
  }

  private static List<Path> sortedChildren(Path dir) {
    if (!Files.isDirectory(dir)) {
      throw new SuiteException("conformance: " + dir + " is missing");
    }
    try (Stream<Path> children = Files.list(dir)) {
      return children.filter(Files::isDirectory).sorted().toList();
    } catch (IOException e) {
      throw new SuiteException("conformance: cannot list " + dir + ": " + e.getMessage());
    }
  }

  private static long millisSince(long startNanos) {
    return (System.nanoTime() - startNanos) / 1_000_000;
  }
}
