package io.actorchain.node.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code actorchain status}: every cluster member's view, gathered by one node ({@code GET /api/status?cluster=true}). */
@Command(
    name = "status",
    mixinStandardHelpOptions = true,
    description = "Show every cluster member: membership state, head, peers (asks one node's HTTP API).")
public final class StatusCommand implements Callable<Integer> {
  static final ObjectMapper MAPPER = new ObjectMapper();

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Option(names = "--node", paramLabel = "HOST:PORT", defaultValue = "127.0.0.1:18081",
      description = "HTTP address of any node of the cluster (default: ${DEFAULT-VALUE}, node 1 of scripts/cluster).")
  String node;

  @Option(names = "--json", description = "Print the members as one JSON array (the API's fields) instead of a table.")
  boolean json;

  @Override
  public Integer call() {
    ApiClient.Reply reply = ApiClient.forNode(node).get("/api/status?cluster=true");
    if (reply.status() != 200) {
      throw new UserError("node at " + node + " answered HTTP " + reply.status() + ": " + oneLine(reply.body()));
    }
    JsonNode members;
    try {
      members = MAPPER.readTree(reply.body());
    } catch (JsonProcessingException e) {
      throw new UserError("node at " + node + " answered something that is not JSON: " + oneLine(reply.body()));
    }
    if (members == null || !members.isArray()) {
      throw new UserError("node at " + node + " did not answer a JSON array: " + oneLine(reply.body()));
    }
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      out.println(members.toString());
    } else {
      printTable(out, members);
    }
    out.flush();
    return 0;
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
