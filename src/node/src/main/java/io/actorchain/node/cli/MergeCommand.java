package io.actorchain.node.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code actorchain merge}: tells a running cluster to merge (CONSENSUS.md §4) with {@code POST /api/merge} on one
 * node, which schedules it and forwards it to every peer. Each node swaps to PoS once its canonical head is the merge
 * confirmations past the height, with the canonical block there as the terminal block.
 */
@Command(
    name = "merge",
    mixinStandardHelpOptions = true,
    description = {
      "Merge a running PoW cluster into PoS: the canonical PoW block at --at-height becomes the terminal block on every"
          + " node (asks one node's HTTP API, which tells its peers).",
      "Refused (exit 2) if the cluster has merged already or its head is past the height."
    })
public final class MergeCommand implements Callable<Integer> {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Option(names = "--at-height", paramLabel = "H", required = true,
      description = "The PoW height of the terminal block; ≥ 1 and not below the current head.")
  long atHeight;

  @Option(names = "--node", paramLabel = "HOST:PORT", defaultValue = "127.0.0.1:18081",
      description = "HTTP address of any node of the cluster (default: ${DEFAULT-VALUE}, node 1 of scripts/cluster).")
  String node;

  @Override
  public Integer call() {
    if (atHeight < 1) {
      throw new CommandLine.ParameterException(spec.commandLine(),
          "--at-height must be ≥ 1 (height 0 is the genesis block: start with 'node --pos' instead), got " + atHeight);
    }
    ApiClient.Reply reply = ApiClient.forNode(node).postJson("/api/merge", "{\"atHeight\":" + atHeight + "}");
    String error = errorOf(reply.body());
    switch (reply.status()) {
      case 202 -> {
        PrintWriter out = spec.commandLine().getOut();
        out.println("merge scheduled at PoW height " + atHeight + ": every node swaps to PoS once its head is past it"
            + " by the merge confirmations");
        out.flush();
        return 0;
      }
      case 409 -> throw new UserError("merge refused by node at " + node + ": " + error);
      case 400 -> throw new UserError("bad merge request: " + error);
      default -> throw new UserError("node at " + node + " answered HTTP " + reply.status() + ": " + error);
    }
  }

  private static String errorOf(String body) {
    try {
      JsonNode answer = StatusCommand.MAPPER.readTree(body);
      if (answer != null && answer.hasNonNull("error")) {
        return answer.get("error").asText();
      }
    } catch (JsonProcessingException e) {
      // not JSON: shown as it is
    }
    return StatusCommand.oneLine(body);
  }
}
