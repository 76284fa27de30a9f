package io.actorchain.node.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.StatusCode;
import org.apache.pekko.http.javadsl.model.StatusCodes;

/** JSON in and out of the node's HTTP API: one strict mapper, and responses with a JSON body. */
public final class ApiJson {
  /** Decimals stay exact (amounts are coins with up to 9 decimals); trailing garbage is an error. */
  public static final ObjectMapper MAPPER = new ObjectMapper()
      .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private ApiJson() {}

  /**
   * A request body that must be one JSON object whose fields are all in {@code allowed}; otherwise BadRequest naming
   * the problem ({@code shape} describes the expected object, e.g. {@code {"atHeight": 100}}).
   */
  public static com.fasterxml.jackson.databind.JsonNode readObject(String body, java.util.Collection<String> allowed,
      String shape) {
    com.fasterxml.jackson.databind.JsonNode root;
    try {
      root = MAPPER.readTree(body);
    } catch (JsonProcessingException e) {
      String why = e.getOriginalMessage();
      int cut = why.indexOf(" (start marker");
      throw new BadRequest("the body is not JSON: " + (cut > 0 ? why.substring(0, cut) : why));
    }
    if (root == null || !root.isObject()) {
      throw new BadRequest("the body must be a JSON object " + shape);
    }
    for (java.util.Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
      String field = it.next();
      if (!allowed.contains(field)) {
        throw new BadRequest("unknown field '" + field + "'; the fields are " + String.join(", ", allowed));
      }
    }
    return root;
  }

  public static String write(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot render " + value.getClass().getSimpleName() + " as JSON", e);
    }
  }

  public static HttpResponse response(StatusCode status, Object body) {
    return HttpResponse.create().withStatus(status).withEntity(ContentTypes.APPLICATION_JSON, write(body));
  }

  public static HttpResponse ok(Object body) {
    return response(StatusCodes.OK, body);
  }

  /** {@code {"error": message, "kind": kind}}. */
  public static HttpResponse error(StatusCode status, String kind, String message) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("error", message);
    body.put("kind", kind);
    return response(status, body);
  }
}
