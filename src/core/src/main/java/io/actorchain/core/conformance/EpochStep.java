package io.actorchain.core.conformance;

import java.util.Arrays;
import java.util.stream.Collectors;

/** The epoch-processing steps the phase0 vectors test, by their directory names. */
public enum EpochStep {
  JUSTIFICATION_AND_FINALIZATION("justification_and_finalization"),
  SLASHINGS("slashings"),
  EFFECTIVE_BALANCE_UPDATES("effective_balance_updates");

  private final String directoryName;

  EpochStep(String directoryName) {
    this.directoryName = directoryName;
  }

  /** The name of the step's directory under {@code epoch_processing/}. */
  public String directoryName() {
    return directoryName;
  }

  /** The step with this directory name; IllegalArgumentException naming the known ones otherwise. */
  public static EpochStep byName(String name) {
    for (EpochStep s : values()) {
      if (s.directoryName.equals(name)) {
        return s;
      }
    }
    throw new IllegalArgumentException("unknown epoch-processing step '" + name + "'; known: "
        + Arrays.stream(values()).map(EpochStep::directoryName).collect(Collectors.joining(", ")));
  }
}
