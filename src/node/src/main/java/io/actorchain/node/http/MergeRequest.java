package io.actorchain.node.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;

/**
 * The body of {@code POST /api/merge}: {@code {"atHeight": H}}, the PoW height whose canonical block becomes the
 * terminal block (CONSENSUS.md §4). H is a whole number ≥ 1.
 */
public record MergeRequest(long atHeight) {
  public static final String FIELD = "atHeight";

  public static MergeRequest parse(String body) {
    JsonNode root;
    try {
      root = ApiJson.MAPPER.readTree(body);
    } catch (JsonProcessingException e) {
      String why = e.getOriginalMessage();
      int cut = why.indexOf(" (start marker");
      throw new BadRequest("the body is not JSON: " + (cut > 0 ? why.substring(0, cut) : why));
    }
    if (root == null || !root.isObject()) {
      throw new BadRequest("the body must be a JSON object such as {\"atHeight\": 100}");
    }
    for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
      String field = it.next();
      if (!FIELD.equals(field)) {
        throw new BadRequest("unknown field '" + field + "'; the only field is " + FIELD);
      }
    }
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
