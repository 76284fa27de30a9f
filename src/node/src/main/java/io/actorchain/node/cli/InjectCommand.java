package io.actorchain.node.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import io.actorchain.node.sim.FaultParser;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code actorchain inject}: a fault into a running cluster (ARCHITECTURE.md, "Faults") through one node's
 * {@code POST /api/faults} ({@code DELETE} with {@code --clear}). The node routes it to the node hosting the validator,
 * to the node named, or to every node for a link fault, and prints who took it.
 */
@Command(
    name = "inject",
    mixinStandardHelpOptions = true,
    description = {
      "Inject a fault into a running cluster through one node's HTTP API, which routes it to the node concerned"
          + " (or, with --clear, end it). The kinds and their fields are the scenario's (SIMULATION.md):",
      "  offline, double-vote, surround-vote, double-proposal: --validator V (repeatable); late: --validator V --delay D;",
      "  crash, selfish-mining: --node-index N; private-chain: --node-index N [--release 'height H'];",
      "  partition: --groups 1,2/3,4; latency: --mean D [--jitter D]; loss: --probability P; heal.",
      "Prints the node's answer; exit 2 with one line when it is refused, names an unknown validator or node, or the"
          + " node cannot be reached."
    })
public final class InjectCommand implements Callable<Integer> {
  /** Each flag and the field of the fault it sets. */
  private static final Map<String, String> FLAG_OF_FIELD = Map.of("validator", "--validator", "validators", "--validator",
      "node", "--node-index", "groups", "--groups", "delay", "--delay", "mean", "--mean", "jitter", "--jitter",
      "probability", "--probability", "release", "--release");

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", paramLabel = "KIND",
      description = "The fault: offline, double-vote, surround-vote, double-proposal, late, crash, private-chain,"
          + " selfish-mining, partition, latency, loss or heal.")
  String kind;

  @Option(names = "--node", paramLabel = "HOST:PORT", defaultValue = "127.0.0.1:18081",
      description = "HTTP address of any node of the cluster (default: ${DEFAULT-VALUE}, node 1 of scripts/cluster);"
          + " it routes the fault to the node concerned.")
  String node;

  @Option(names = "--validator", paramLabel = "NAME",
      description = "The validator of a validator fault (a genesis validator's name); repeat for several.")
  List<String> validators = new ArrayList<>();

  @Option(names = "--node-index", paramLabel = "N",
      description = "The node of a crash, private-chain or selfish-mining fault, by its id (node I of scripts/cluster).")
  Integer nodeIndex;

  @Option(names = "--groups", paramLabel = "IDS/IDS",
      description = "The groups of a partition: node ids, comma-separated, groups split by '/', e.g. 1,2/3,4.")
  String groups;

  @Option(names = "--delay", paramLabel = "DURATION", description = "How long a late validator holds each message, e.g. 3s.")
  String delay;

  @Option(names = "--mean", paramLabel = "DURATION", description = "The extra latency of each message, e.g. 2s.")
  String mean;

  @Option(names = "--jitter", paramLabel = "DURATION", description = "Latency jitter around --mean, e.g. 100ms (default 0).")
  String jitter;

  @Option(names = "--probability", paramLabel = "P", description = "The probability that a link drops a message, in [0, 1].")
  Double probability;

  @Option(names = "--release", paramLabel = "WHEN",
      description = "When a private chain is published: 'height H' or 'second T' (else when it is cleared).")
  String release;

  @Option(names = "--until", paramLabel = "DURATION",
      description = "Clear the fault by itself after this long, e.g. 30s (default: until 'inject --clear').")
  String until;

  @Option(names = "--clear", description = "End the fault instead of injecting it (KIND and --validator or --node-index"
      + " name it; the other values may be left out).")
  boolean clear;

  @Option(names = "--json", description = "Print the node's JSON answer instead of one line.")
  boolean json;

  @Override
  public Integer call() {
    ObjectNode body = body();
    ApiClient client = ApiClient.forNode(node);
    ApiClient.Reply reply = clear ? client.deleteJson("/api/faults", body.toString())
        : client.postJson("/api/faults", body.toString());
    JsonNode answer = parse(reply.body());
    if (reply.status() != 200) {
      String error = answer.hasNonNull("error") ? answer.get("error").asText() : StatusCommand.oneLine(reply.body());
      throw new UserError(switch (reply.status()) {
        case 400 -> "bad fault: " + error;
        case 404, 409 -> (clear ? "clear" : "fault") + " refused by the cluster: " + error;
        case 503 -> "the cluster did not answer in time: " + error;
        default -> "node at " + node + " answered HTTP " + reply.status() + ": " + error;
      });
    }
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      out.println(answer.toString());
    } else {
      List<String> ids = new ArrayList<>();
      answer.path("acceptedBy").forEach(n -> ids.add(n.asText()));
      out.println((clear ? "cleared by " : "accepted by ") + (ids.size() == 1 ? "node " : "nodes ")
          + String.join(", ", ids) + ": " + answer.path("detail").asText());
    }
    out.flush();
    return 0;
  }

  /** The JSON fault, checked here first so that a bad flag is named as the flag. */
  private ObjectNode body() {
    Set<String> fields = FaultParser.fieldsOf(kind);
    if (!FaultParser.kinds().contains(kind)) {
      throw bad("unknown fault kind '" + kind + "'; the kinds are " + String.join(", ", FaultParser.kinds()));
    }
    if (clear && until != null) {
      throw bad("--until is for an injection; --clear ends the fault now");
    }
    Map<String, Object> given = new LinkedHashMap<>();
    if (!validators.isEmpty()) {
      given.put("validator", validators);
    }
    given.put("node", nodeIndex);
    given.put("groups", groups);
    given.put("delay", delay);
    given.put("mean", mean);
    given.put("jitter", jitter);
    given.put("probability", probability);
    given.put("release", release);
    List<String> allowed = new ArrayList<>();
    fields.forEach(f -> {
      if (!f.equals("validators") && !allowed.contains(FLAG_OF_FIELD.get(f))) {
        allowed.add(FLAG_OF_FIELD.get(f));
      }
    });
    ObjectNode body = StatusCommand.MAPPER.createObjectNode();
    body.put("kind", kind);
    for (Map.Entry<String, Object> g : given.entrySet()) {
      if (g.getValue() != null && !fields.contains(g.getKey())) {
        throw bad(FLAG_OF_FIELD.get(g.getKey()) + " does not apply to " + kind + " (its flags: "
            + (allowed.isEmpty() ? "none" : String.join(", ", allowed)) + ")");
      }
    }
    if (validators.size() == 1) {
      body.put("validator", validators.get(0));
    } else if (validators.size() > 1) {
      ArrayNode list = body.putArray("validators");
      validators.forEach(list::add);
    }
    if (nodeIndex != null) {
      if (nodeIndex < 0) {
        throw bad("--node-index must be a node id ≥ 0, got " + nodeIndex);
      }
      body.put("node", nodeIndex);
    }
    if (groups != null) {
      body.set("groups", groups(groups));
    }
    putDuration(body, "delay", "--delay", delay, false);
    putDuration(body, "mean", "--mean", mean, true);
    putDuration(body, "jitter", "--jitter", jitter, true);
    putDuration(body, "until", "--until", until, false);
    if (probability != null) {
      body.put("probability", probability);
    }
    if (release != null) {
      body.put("release", release);
    }
    return body;
  }

  private ArrayNode groups(String text) {
    ArrayNode out = StatusCommand.MAPPER.createArrayNode();
    for (String group : text.split("/", -1)) {
      ArrayNode ids = out.addArray();
      for (String id : group.split(",", -1)) {
        try {
          int n = Integer.parseInt(id.trim());
          if (n < 0) {
            throw new NumberFormatException();
          }
          ids.add(n);
        } catch (NumberFormatException e) {
          throw bad("--groups must be node ids ≥ 0, comma-separated, groups split by '/' (e.g. 1,2/3,4), got '"
              + text + "'");
        }
      }
    }
    return out;
  }

  private void putDuration(ObjectNode body, String field, String flag, String text, boolean zeroAllowed) {
    if (text == null) {
      return;
    }
    long millis;
    try {
      millis = ConfigFactory.parseString("d = \"" + text.replace("\"", "") + "\"").getDuration("d").toMillis();
    } catch (ConfigException e) {
      throw bad(flag + " must be a duration such as 500ms or 30s, got '" + text + "'");
    }
    if (millis < 0 || (millis == 0 && !zeroAllowed)) {
      throw bad(flag + " must be " + (zeroAllowed ? "≥ 0" : "positive") + ", got '" + text + "'");
    }
    body.put(field, text);
  }

  private CommandLine.ParameterException bad(String message) {
    return new CommandLine.ParameterException(spec.commandLine(), message);
  }

  private static JsonNode parse(String body) {
    try {
      JsonNode n = StatusCommand.MAPPER.readTree(body);
      return n == null ? StatusCommand.MAPPER.createObjectNode() : n;
    } catch (JsonProcessingException e) {
      return StatusCommand.MAPPER.createObjectNode();
    }
  }
}
