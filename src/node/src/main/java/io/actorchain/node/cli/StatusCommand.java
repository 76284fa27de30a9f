package io.actorchain.node.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code actorchain status}: every cluster member's view, gathered by one node ({@code GET /api/status?cluster=true}),
 * and the validators ({@code GET /api/validators}): in JSON, each member lists the validators it hosts.
 */
@Command(
    name = "status",
    mixinStandardHelpOptions = true,
    description = "Show every cluster member: membership state, head, peers; once in proof of stake, the validators"
        + " (asks one node's HTTP API).")
public final class StatusCommand implements Callable<Integer> {
  static final ObjectMapper MAPPER = new ObjectMapper();
  /** Above this many validators, the table shows only those that are not active or have a fault. */
  static final int ALL_VALIDATORS_UP_TO = 32;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Option(names = "--node", paramLabel = "HOST:PORT", defaultValue = "127.0.0.1:18081",
      description = "HTTP address of any node of the cluster (default: ${DEFAULT-VALUE}, node 1 of scripts/cluster).")
  String node;

  @Option(names = "--json", description = "Print the members as one JSON array (the API's fields, each with the"
      + " validators it hosts) instead of tables.")
  boolean json;

  @Override
  public Integer call() {
    ApiClient client = ApiClient.forNode(node);
    JsonNode members = read(client, "/api/status?cluster=true");
    if (!members.isArray()) {
      throw new UserError("node at " + node + " did not answer a JSON array: " + oneLine(members.toString()));
    }
    JsonNode validators = read(client, "/api/validators").path("validators");
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      for (JsonNode m : members) {
        ArrayNode hosted = ((ObjectNode) m).putArray("validators");
        validators.forEach(v -> {
          if (!m.path("node").isNull() && v.path("node").asText().equals(m.path("node").asText())) {
            hosted.add(v);
          }
        });
      }
      out.println(members.toString());
    } else {
      printTable(out, members);
      boolean pos = false;
      for (JsonNode m : members) {
        pos |= m.hasNonNull("slot");
      }
      if (pos && validators.size() > 0) {
        out.println();
        printValidators(out, validators);
      }
    }
    out.flush();
    return 0;
  }

  private JsonNode read(ApiClient client, String path) {
    ApiClient.Reply reply = client.get(path);
    if (reply.status() != 200) {
      throw new UserError("node at " + node + " answered HTTP " + reply.status() + " to " + path + ": "
          + oneLine(reply.body()));
    }
    try {
      JsonNode answer = MAPPER.readTree(reply.body());
      if (answer == null) {
        throw new UserError("node at " + node + " answered nothing to " + path);
      }
      return answer;
    } catch (JsonProcessingException e) {
      throw new UserError("node at " + node + " answered something that is not JSON to " + path + ": "
          + oneLine(reply.body()));
    }
  }

  /**
   * One line per validator: name, index, host, status, balance, effective balance, last attestation (slot/target),
   * last proposal and fault; above {@link #ALL_VALIDATORS_UP_TO}, only those not active or with a fault.
   */
  static void printValidators(PrintWriter out, JsonNode validators) {
    boolean all = validators.size() <= ALL_VALIDATORS_UP_TO;
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"VALIDATOR", "INDEX", "NODE", "STATUS", "BALANCE", "EFFECTIVE", "ATTESTED", "PROPOSED",
      "FAULT"});
    int hidden = 0;
    for (JsonNode v : validators) {
      if (!all && v.path("status").asText().equals("active") && v.path("fault").isNull()) {
        hidden++;
        continue;
      }
      String attested = v.hasNonNull("lastAttestationSlot")
          ? v.get("lastAttestationSlot").asText() + "/" + v.get("lastAttestationTarget").asText() : "-";
      rows.add(new String[] {text(v, "name"), text(v, "index"), text(v, "node"), text(v, "status"), text(v, "balance"),
        text(v, "effectiveBalance"), attested, text(v, "lastProposalSlot"), text(v, "fault")});
    }
    printRows(out, rows);
    if (hidden > 0) {
      out.println("… and " + hidden + " more validators, active and without a fault (status --json lists them all)");
    }
  }

  /** The table; once any node runs PoS, with its head's slot and the epochs of its justified and finalized checkpoints. */
  static void printTable(PrintWriter out, JsonNode members) {
    boolean pos = false;
    for (JsonNode m : members) {
      pos |= m.hasNonNull("slot");
    }
    List<String[]> rows = new ArrayList<>();
    rows.add(pos
        ? new String[] {"NODE", "ADDRESS", "MEMBER", "HTTP", "SLOT", "HEAD", "JUSTIFIED", "FINALIZED", "PEERS", "MEMPOOL"}
        : new String[] {"NODE", "ADDRESS", "MEMBER", "HTTP", "HEIGHT", "HEAD", "PEERS", "MEMPOOL", "REORGS"});
    for (JsonNode m : members) {
      String head = text(m, "headHash");
      String shortHead = head.length() > 12 ? head.substring(0, 12) : head;
      rows.add(pos
          ? new String[] {
            text(m, "node"), text(m, "address"), text(m, "member"), text(m, "httpPort"), text(m, "headHeight"), shortHead,
            epoch(m.get("justified")), epoch(m.get("finalized")), peers(m.get("peers")), text(m, "mempool"),
          }
          : new String[] {
            text(m, "node"), text(m, "address"), text(m, "member"), text(m, "httpPort"), text(m, "headHeight"), shortHead,
            peers(m.get("peers")), text(m, "mempool"), text(m, "reorgs"),
          });
    }
    printRows(out, rows);
  }

  private static void printRows(PrintWriter out, List<String[]> rows) {
    int[] widths = new int[rows.get(0).length];
    for (String[] r : rows) {
      for (int i = 0; i < r.length; i++) {
        widths[i] = Math.max(widths[i], r[i].length());
      }
    }
    for (String[] r : rows) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < r.length; i++) {
        line.append(i == r.length - 1 ? r[i] : String.format("%-" + (widths[i] + 2) + "s", r[i]));
      }
      out.println(line.toString().stripTrailing());
    }
  }

  private static String text(JsonNode m, String field) {
    JsonNode v = m.get(field);
    return v == null || v.isNull() ? "-" : v.asText();
  }

  private static String epoch(JsonNode checkpoint) {
    return checkpoint == null || !checkpoint.hasNonNull("epoch") ? "-" : checkpoint.get("epoch").asText();
  }

  private static String peers(JsonNode peers) {
    if (peers == null || !peers.isArray()) {
      return "-";
    }
    List<String> ids = new ArrayList<>();
    peers.forEach(p -> ids.add(p.asText()));
    return ids.isEmpty() ? "none" : String.join(",", ids);
  }

  static String oneLine(String s) {
    String t = s == null ? "" : s.replaceAll("\\s+", " ").trim();
    return t.length() > 200 ? t.substring(0, 200) + "..." : t;
  }
}
