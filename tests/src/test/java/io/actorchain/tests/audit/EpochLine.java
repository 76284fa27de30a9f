package io.actorchain.tests.audit;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * One line of {@code epochs.jsonl} (SIMULATION.md), read field by field from the JSON and nothing else: the audit
 * must not see production's own records. "Before" fields are the state at the end of epoch {@code epoch} just before
 * epoch processing; the others are after it.
 */
record EpochLine(int node, long epoch, long headSlot, long totalActiveBalance, long previousTargetBalance,
    long currentTargetBalance, boolean inLeak, int bitsBefore, int bits, Checkpoint previousJustifiedBefore,
    Checkpoint currentJustifiedBefore, Checkpoint finalizedBefore, Checkpoint previousJustified,
    Checkpoint currentJustified, Checkpoint finalized, List<ValidatorLine> validators) {

  /** {@code {"epoch": e, "root": hex}}. */
  record Checkpoint(long epoch, String root) {
    static Checkpoint of(JsonNode n) {
      return new Checkpoint(n.get("epoch").asLong(), n.get("root").asText());
    }

    @Override
    public String toString() {
      return "(" + epoch + ", " + root.substring(0, Math.min(8, root.length())) + ")";
    }
  }

  /** One validator across the transition; the three epochs are after it, {@code null} for FAR_FUTURE. */
  record ValidatorLine(int index, String name, long balanceBefore, long balance, long effectiveBalanceBefore,
      long effectiveBalance, long inactivityScoreBefore, long inactivityScore, int previousFlags, int currentFlags,
      boolean slashed, Long activationEpoch, Long exitEpoch, Long withdrawableEpoch) {
    static ValidatorLine of(JsonNode v) {
      return new ValidatorLine(v.get("index").asInt(), v.get("name").asText(), v.get("balanceBefore").asLong(),
          v.get("balance").asLong(), v.get("effectiveBalanceBefore").asLong(), v.get("effectiveBalance").asLong(),
          v.get("inactivityScoreBefore").asLong(), v.get("inactivityScore").asLong(), v.get("previousFlags").asInt(),
          v.get("currentFlags").asInt(), v.get("slashed").asBoolean(), epochOrNull(v.get("activationEpoch")),
          epochOrNull(v.get("exitEpoch")), epochOrNull(v.get("withdrawableEpoch")));
    }

    private static Long epochOrNull(JsonNode n) {
      return n == null || n.isNull() ? null : n.asLong();
    }
  }

  static EpochLine of(JsonNode n) {
    JsonNode vs = n.get("validators");
    if (vs == null) {
      throw new IllegalArgumentException("no \"validators\" in the line: was the run made with --trace?");
    }
    List<ValidatorLine> validators = new ArrayList<>();
    vs.forEach(v -> validators.add(ValidatorLine.of(v)));
    return new EpochLine(n.get("node").asInt(), n.get("epoch").asLong(), n.get("headSlot").asLong(),
        n.get("totalActiveBalance").asLong(), n.get("previousTargetBalance").asLong(),
        n.get("currentTargetBalance").asLong(), n.get("inLeak").asBoolean(), bits(n.get("bitsBefore")),
        bits(n.get("bits")), Checkpoint.of(n.get("previousJustifiedBefore")),
        Checkpoint.of(n.get("currentJustifiedBefore")), Checkpoint.of(n.get("finalizedBefore")),
        Checkpoint.of(n.get("previousJustified")), Checkpoint.of(n.get("currentJustified")),
        Checkpoint.of(n.get("finalized")), List.copyOf(validators));
  }

  /** {@code "0111"}, epoch E's bit rightmost, as the bit field: bit i = "epoch E−i justified". */
  private static int bits(JsonNode n) {
    String s = n.asText();
    if (!s.matches("[01]{4}")) {
      throw new IllegalArgumentException("justification bits are four binary digits, not \"" + s + "\"");
    }
    return Integer.parseInt(s, 2);
  }

  @Override
  public String toString() {
    return "node " + node + " end of epoch " + epoch;
  }
}
