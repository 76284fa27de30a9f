package io.actorchain.node.net;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import org.apache.pekko.actor.AbstractExtensionId;
import org.apache.pekko.actor.ClassicActorSystemProvider;
import org.apache.pekko.actor.ExtendedActorSystem;
import org.apache.pekko.actor.Extension;
import org.apache.pekko.actor.ExtensionId;
import org.apache.pekko.actor.ExtensionIdProvider;

/**
 * Peer messages that {@link PeerCborSerializer} refused to decode, counted by {@link Reason}: one set of counters per
 * actor system (a Pekko extension), read by {@code GET /metrics}. The messages themselves are gone: Artery drops a
 * message whose deserialization throws, logs it, and goes on with the next.
 */
public final class DroppedMessages implements Extension {
  /** Why a message was dropped; {@link #label()} is its Prometheus label value. */
  public enum Reason {
    /** The bytes end before the CBOR value does. */
    TRUNCATED,
    /** More bytes than {@code actorchain.serialization.max-message-size}; not decoded at all. */
    OVERSIZED,
    /** Anything else that does not decode to the message its manifest names. */
    MALFORMED;

    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  private static final Id ID = new Id();

  private final Map<Reason, LongAdder> counts;

  private DroppedMessages() {
    Map<Reason, LongAdder> m = new EnumMap<>(Reason.class);
    for (Reason r : Reason.values()) {
      m.put(r, new LongAdder());
    }
    counts = Collections.unmodifiableMap(m);
  }

  /** The counters of {@code system} (classic or typed). */
  public static DroppedMessages get(ClassicActorSystemProvider system) {
    return ID.get(system);
  }

  void record(Reason reason) {
    counts.get(reason).increment();
  }

  /** Messages dropped for {@code reason} since the system started. */
  public long count(Reason reason) {
    return counts.get(reason).sum();
  }

  /** Every reason with its count, in {@link Reason} order (zeros included). */
  public Map<Reason, Long> counts() {
    Map<Reason, Long> snapshot = new EnumMap<>(Reason.class);
    counts.forEach((reason, n) -> snapshot.put(reason, n.sum()));
    return Collections.unmodifiableMap(snapshot);
  }

  private static final class Id extends AbstractExtensionId<DroppedMessages> implements ExtensionIdProvider {
    @Override
    public DroppedMessages createExtension(ExtendedActorSystem system) {
      return new DroppedMessages();
    }

    @Override
    public ExtensionId<DroppedMessages> lookup() {
      return ID;
    }
  }
}
