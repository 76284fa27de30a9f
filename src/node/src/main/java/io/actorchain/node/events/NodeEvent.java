package io.actorchain.node.events;

import io.actorchain.node.net.LocalOnly;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One line of {@code events.jsonl} (SIMULATION.md): {@code {"t": ms, "node": n, "type": "...", ...}}.
 * Fields keep the order they were given in, so the output is byte-for-byte reproducible.
 */
public record NodeEvent(long t, int node, String type, Map<String, Object> fields) implements LocalOnly {

  public NodeEvent {
    fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
  }

  /** {@code of(t, node, "reorg", "depth", 2, "oldHead", "ab12")}: alternating keys and values. */
  public static NodeEvent of(long t, int node, String type, Object... keyValues) {
    if (keyValues.length % 2 != 0) {
      throw new IllegalArgumentException("keys and values must pair up: " + keyValues.length);
    }
    Map<String, Object> fields = new LinkedHashMap<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      fields.put((String) keyValues[i], keyValues[i + 1]);
    }
    return new NodeEvent(t, node, type, fields);
  }
}
