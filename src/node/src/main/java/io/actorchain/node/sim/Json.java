package io.actorchain.node.sim;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.actorchain.core.codec.Sha256;
import io.actorchain.node.events.NodeEvent;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** The JSON forms of the simulation outputs (SIMULATION.md). */
public final class Json {
  /** Keeps insertion order: the documented field order. */
  public static final ObjectMapper ORDERED = new ObjectMapper();
  /** Sorted keys, no spaces: the canonical JSON behind {@code resultHash}. */
  public static final ObjectMapper CANONICAL = new ObjectMapper()
      .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

  private Json() {}

  public static String write(Object value) {
    try {
      return ORDERED.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write JSON", e);
    }
  }

  public static String pretty(Object value) {
    try {
      return ORDERED.writerWithDefaultPrettyPrinter().writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write JSON", e);
    }
  }

  /** Hex SHA-256 of the canonical JSON (sorted keys, no spaces) of {@code value}. */
  public static String canonicalHash(Object value) {
    try {
      byte[] bytes = CANONICAL.writeValueAsString(value).getBytes(StandardCharsets.UTF_8);
      return Sha256.hash(bytes).toHex();
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write JSON", e);
    }
  }

  /** One line of events.jsonl. */
  public static String eventLine(NodeEvent e) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("t", e.t());
    m.put("node", e.node() < 0 ? null : e.node());
    m.put("type", e.type());
    m.putAll(e.fields());
    return write(m);
  }
}
