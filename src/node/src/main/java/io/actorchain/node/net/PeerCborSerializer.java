package io.actorchain.node.net;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import io.actorchain.node.config.SettingsException;
import java.io.EOFException;
import java.io.NotSerializableException;
import java.util.Optional;
import org.apache.pekko.actor.ExtendedActorSystem;
import org.apache.pekko.serialization.jackson.JacksonObjectMapperProvider;
import org.apache.pekko.serialization.jackson.JacksonSerializer;

/**
 * Pekko's Jackson CBOR serializer with a guard on the way in, bound to {@link CborSerializable} in reference.conf. A
 * payload above {@code actorchain.serialization.max-message-size} is refused before it is parsed, and a payload that
 * fails to decode (truncated, or malformed otherwise) is refused too. Either way the refusal is counted in {@link
 * DroppedMessages} and thrown as a {@link NotSerializableException}; Artery then drops that one message, logs it with
 * the sender's address, and the node goes on.
 *
 * <p>It is a {@link JacksonSerializer} (Pekko only deserializes classes bound to one) with the CBOR object mapper that
 * Pekko's own {@code JacksonCborSerializer} uses, so the bytes are the same; its identifier comes from
 * {@code pekko.actor.serialization-identifiers.<binding name>}. Outbound messages are not checked: the limit defends
 * this node against its peers.
 */
public final class PeerCborSerializer extends JacksonSerializer {
  /** The configuration key of the largest payload accepted, in bytes. */
  public static final String MAX_SIZE_KEY = "actorchain.serialization.max-message-size";
  private static final String FRAME_SIZE_KEY = "pekko.remote.artery.advanced.maximum-frame-size";

  private final ExtendedActorSystem system;
  private final long maxBytes;

  public PeerCborSerializer(ExtendedActorSystem system, String bindingName) {
    super(system, bindingName, JacksonObjectMapperProvider.get(system).getOrCreate(bindingName,
        Optional.of(new CBORFactory())));
    this.system = system;
    this.maxBytes = maxBytes(system.settings().config());
  }

  /** The configured limit: positive, and below Artery's frame size so that the frame reaches this serializer. */
  static long maxBytes(Config config) {
    long max;
    try {
      max = config.getBytes(MAX_SIZE_KEY);
    } catch (ConfigException e) {
      throw new SettingsException(MAX_SIZE_KEY, "a size such as 224 KiB is required (" + e.getMessage() + ")");
    }
    if (max <= 0) {
      throw new SettingsException(MAX_SIZE_KEY, "must be positive, got " + max + " bytes");
    }
    if (config.hasPath(FRAME_SIZE_KEY) && max >= config.getBytes(FRAME_SIZE_KEY)) {
      throw new SettingsException(MAX_SIZE_KEY, max + " bytes must be below " + FRAME_SIZE_KEY + " ("
          + config.getBytes(FRAME_SIZE_KEY) + " bytes), or Artery drops the frame before this check sees it");
    }
    return max;
  }

  /** The largest payload {@link #fromBinary} accepts, in bytes. */
  public long maxBytes() {
    return maxBytes;
  }

  @Override
  public Object fromBinary(byte[] bytes, String manifest) {
    if (bytes.length > maxBytes) {
      throw drop(DroppedMessages.Reason.OVERSIZED, "an oversized peer message (" + bytes.length + " bytes, above "
          + MAX_SIZE_KEY + " = " + maxBytes + ", manifest " + manifest + ")", null);
    }
    try {
      return super.fromBinary(bytes, manifest);
    } catch (Exception e) { // Jackson's IOExceptions arrive unchecked from Scala
      DroppedMessages.Reason reason = truncated(e) ? DroppedMessages.Reason.TRUNCATED : DroppedMessages.Reason.MALFORMED;
      throw drop(reason, "a " + reason.label() + " peer message (" + bytes.length + " bytes, manifest " + manifest
          + "): " + e.getMessage(), e);
    }
  }

  /** Whether Jackson ran out of input: the sign of a payload cut short. */
  static boolean truncated(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof JsonEOFException || t instanceof EOFException) {
        return true;
      }
      if (t instanceof JsonProcessingException j && j.getOriginalMessage() != null
          && j.getOriginalMessage().contains("end-of-input")) {
        return true;
      }
    }
    return false;
  }

  private RuntimeException drop(DroppedMessages.Reason reason, String what, Throwable cause) {
    DroppedMessages.get(system).record(reason);
    NotSerializableException e = new NotSerializableException("dropped " + what);
    if (cause != null) {
      e.initCause(cause);
    }
    return sneakyThrow(e);
  }

  /**
   * Throws {@code e} unchecked. Pekko's {@code Serializer.fromBinary} declares NotSerializableException, but the Scala
   * override in JacksonSerializer omits the clause, so Java cannot declare it here; callers (Artery, {@code
   * Serialization.deserialize}) catch any non-fatal throwable.
   */
  @SuppressWarnings("unchecked")
  private static <E extends Throwable> RuntimeException sneakyThrow(Throwable e) throws E {
    throw (E) e;
  }
}
