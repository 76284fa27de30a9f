package io.actorchain.node.net;


import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/** A change to one link's behaviour (ARCHITECTURE.md "Faults", link faults). */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
@JsonSubTypes({
  @JsonSubTypes.Type(value = LinkFault.Latency.class, name = "latency"),
  @JsonSubTypes.Type(value = LinkFault.Loss.class, name = "loss"),
  @JsonSubTypes.Type(value = LinkFault.Partition.class, name = "partition"),
  @JsonSubTypes.Type(value = LinkFault.Heal.class, name = "heal"),
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
}
