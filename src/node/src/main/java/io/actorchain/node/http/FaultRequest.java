package io.actorchain.node.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigSyntax;
import io.actorchain.node.fault.Fault;
import io.actorchain.node.sim.FaultEntry;
import io.actorchain.node.sim.FaultParser;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * The fault of {@code POST} and {@code DELETE /api/faults}: one JSON object with the fields of a scenario's fault
 * entry (SIMULATION.md) but {@code at}: {@code {"kind": "double-vote", "validator": "v3"}}, and for a POST an optional
 * {@code "until": "30s"}. A DELETE only names the fault (kind, and validator or node): its other fields may be left
 * out, and it may come as a query instead ({@code ?kind=offline&validator=v3}). The fields are checked by the
 * scenario's own {@link FaultParser} ({@link FaultEntry}); a validator must be a genesis validator.
 *
 * @param untilMillis how long the fault lasts before it is cleared, or null for until a DELETE
 */
public record FaultRequest(String kind, List<Fault> faults, Long untilMillis) {
  /** The prefix of each problem's key. */
  static final String PATH = "fault";

  public FaultRequest {
    faults = List.copyOf(faults);
  }

  /** The fault to inject: BadRequest naming every problem, on one line. */
  public static FaultRequest forInjection(String body, List<String> genesisValidators) {
    return parse(readBody(body), genesisValidators, false);
  }

  /** The fault to end, from the body or else the query ({@code validator} may repeat): BadRequest naming the problems. */
  public static FaultRequest forClear(String body, List<Map.Entry<String, String>> query, List<String> genesisValidators) {
    boolean hasBody = body != null && !body.isBlank();
    if (hasBody && !query.isEmpty()) {
      throw new BadRequest("give the fault to clear in the body or in the query, not both");
    }
    ObjectNode fault = hasBody ? readBody(body) : fromQuery(query);
    if (fault.has("until")) {
      throw new BadRequest("until is for a POST, which injects a fault; a DELETE clears it now");
    }
    if (fault.path("kind").asText().equals("heal")) {
      throw new BadRequest("heal has nothing to clear: it ends the partition and the link faults itself");
    }
    return parse(fault, genesisValidators, true);
  }

  private static ObjectNode readBody(String body) {
    List<String> allowed = new ArrayList<>(List.of("kind"));
    allowed.addAll(FaultParser.fields());
    allowed.add("until");
    return (ObjectNode) ApiJson.readObject(body, allowed,
        "such as {\"kind\": \"double-vote\", \"validator\": \"v3\"}; the kinds are " + FaultParser.kinds());
  }

  private static ObjectNode fromQuery(List<Map.Entry<String, String>> query) {
    ObjectNode fault = ApiJson.MAPPER.createObjectNode();
    List<String> validators = new ArrayList<>();
    for (Map.Entry<String, String> p : query) {
      String key = p.getKey();
      if (key.equals("validator") || key.equals("validators")) {
        validators.addAll(List.of(p.getValue().split(",")));
      } else if (!key.equals("kind") && !key.equals("node")) {
        throw new BadRequest("the query of a DELETE names the fault by kind, validator and node; got " + key
            + " (put other fields in a JSON body)");
      } else if (fault.has(key)) {
        throw new BadRequest(key + " is given twice in the query");
      } else {
        fault.put(key, p.getValue());
      }
    }
    if (validators.size() == 1) {
      fault.put("validator", validators.get(0));
    } else if (validators.size() > 1) {
      ArrayNode list = fault.putArray("validators");
      validators.forEach(list::add);
    }
    if (fault.isEmpty()) {
      throw new BadRequest("name the fault to clear: a JSON body such as {\"kind\": \"offline\", \"validator\": \"v3\"}"
          + " or a query such as ?kind=offline&validator=v3");
    }
    return fault;
  }

  private static FaultRequest parse(JsonNode fault, List<String> genesisValidators, boolean forClear) {
    Config entry;
    try {
      entry = ConfigFactory.parseString(fault.toString(), ConfigParseOptions.defaults().setSyntax(ConfigSyntax.JSON));
    } catch (ConfigException e) {
      throw new BadRequest("the fault is not a JSON object of fields: " + e.getMessage());
    }
    FaultEntry parsed = FaultEntry.parse(entry, PATH, genesisValidators, forClear);
    if (!parsed.problems().isEmpty()) {
      throw new BadRequest(String.join("; ", new LinkedHashSet<>(parsed.problems())));
    }
    return new FaultRequest(parsed.kind(), parsed.faults(), parsed.untilMillis());
  }
}
