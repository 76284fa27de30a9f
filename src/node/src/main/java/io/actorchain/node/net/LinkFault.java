package io.actorchain.node.net;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.Set;

/** A change to one link's behaviour (ARCHITECTURE.md "Faults", link faults). */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
@JsonSubTypes({
  @JsonSubTypes.Type(value = LinkFault.Latency.class, name = "latency"),
  @JsonSubTypes.Type(value = LinkFault.Loss.class, name = "loss"),
  @JsonSubTypes.Type(value = LinkFault.Partition.class, name = "partition"),
  @JsonSubTypes.Type(value = LinkFault.Heal.class, name = "heal"),
  @JsonSubTypes.Type(value = LinkFault.Clear.class, name = "clear"),
})
public sealed interface LinkFault extends CborSerializable {
  /** Extra latency, uniform in [mean − jitter, mean + jitter]. */
  record Latency(long meanMillis, long jitterMillis) implements LinkFault {}

  /** Each message is dropped with this probability. */
  record Loss(double probability) implements LinkFault {}

  /** The link drops everything until healed. */
  record Partition() implements LinkFault {}

  /** Ends a partition and restores the configured latency and loss. */
  record Heal() implements LinkFault {}

  /** Ends one kind of fault only: {@code partition}, {@code latency} or {@code loss}. */
  record Clear(String kind) implements LinkFault {
    public static final Set<String> KINDS = Set.of("partition", "latency", "loss");
  }

  /** Throws IllegalArgumentException naming what is wrong, so that a bad fault never reaches a link. */
  static void validate(LinkFault fault) {
    if (fault == null) {
      throw new IllegalArgumentException("no fault given");
    } else if (fault instanceof Latency l) {
      if (l.meanMillis() < 0 || l.jitterMillis() < 0 || l.jitterMillis() > l.meanMillis()) {
        throw new IllegalArgumentException("latency needs 0 <= jitter <= mean, got mean " + l.meanMillis()
            + " ms and jitter " + l.jitterMillis() + " ms");
      }
    } else if (fault instanceof Loss l) {
      if (!(l.probability() >= 0.0 && l.probability() <= 1.0)) {
        throw new IllegalArgumentException("loss must be a probability in [0, 1], got " + l.probability());
      }
    } else if (fault instanceof Clear c && !Clear.KINDS.contains(c.kind())) {
      throw new IllegalArgumentException("clear names partition, latency or loss, got " + c.kind());
    }
  }
}
