package io.actorchain.node.http;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The body of {@code POST /api/merge}: {@code {"atHeight": H}}, the PoW height whose canonical block becomes the
 * terminal block (CONSENSUS.md §4). H is a whole number ≥ 1.
 */
public record MergeRequest(long atHeight) {
  public static final String FIELD = "atHeight";

  public static MergeRequest parse(String body) {
    JsonNode root = ApiJson.readObject(body, java.util.List.of(FIELD), "such as {\"atHeight\": 100}");
    JsonNode h = root.get(FIELD);
    if (h == null || h.isNull()) {
      throw new BadRequest(FIELD + " is required, e.g. {\"atHeight\": 100}");
    }
    if (!h.isIntegralNumber() || !h.canConvertToLong()) {
      throw new BadRequest(FIELD + " must be a whole number, got " + h);
    }
    long height = h.asLong();
    if (height < 1) {
      throw new BadRequest(FIELD + " must be ≥ 1 (height 0 is the genesis block), got " + height);
    }
    return new MergeRequest(height);
  }
}
