package io.actorchain.node.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.actorchain.node.config.Coins;
import io.actorchain.node.http.BadRequest;
import io.actorchain.node.http.TxRequest;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code actorchain tx}: transactions through a node's HTTP API. */
@Command(
    name = "tx",
    mixinStandardHelpOptions = true,
    description = "Send transactions to a running node.",
    subcommands = {TxCommand.Send.class})
public final class TxCommand implements Runnable {
  /** Exit code when the node turns the transaction away (its mempool's reason is printed). */
  public static final int EXIT_REJECTED = 1;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "a subcommand is required: send");
  }

  /** {@code actorchain tx send}: {@code POST /api/tx}; prints the transaction id. */
  @Command(
      name = "send",
      mixinStandardHelpOptions = true,
      description = {
        "Sign a transfer with the sender's name-derived key and submit it to a node; prints the transaction id.",
        "Exit code 1 when the node rejects it (the reason is printed), 2 on bad input."
      })
  public static final class Send implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--node", paramLabel = "HOST:PORT", defaultValue = "127.0.0.1:18081",
        description = "HTTP address of the node (default: ${DEFAULT-VALUE}).")
    String node;

    @Option(names = "--from", paramLabel = "NAME", required = true,
        description = "The sender's name (its key is derived from the chain seed and the name).")
    String from;

    @Option(names = "--to", paramLabel = "NAME|0xADDR", required = true, description = "The recipient: a name or a 0x address.")
    String to;

    @Option(names = "--amount", paramLabel = "COINS", required = true, description = "Coins to send, e.g. 1.5 (at most 9 decimals).")
    String amount;

    @Option(names = "--tip", paramLabel = "COINS", defaultValue = TxRequest.DEFAULT_TIP,
        description = "Tip to the block producer (default: ${DEFAULT-VALUE}).")
    String tip;

    @Option(names = "--max-fee", paramLabel = "COINS", defaultValue = TxRequest.DEFAULT_MAX_FEE,
        description = "The most to pay in fees, base fee included (default: ${DEFAULT-VALUE}).")
    String maxFee;

    @Option(names = "--nonce", paramLabel = "N",
        description = "The sender's nonce (default: the sender's next nonce in the node's head state).")
    Long nonce;

    @Override
    public Integer call() {
      ObjectNode body = StatusCommand.MAPPER.createObjectNode();
      body.put("from", from);
      body.put("to", to);
      body.put("amount", amount);
      body.put("tip", tip);
      body.put("maxFee", maxFee);
      if (nonce != null) {
        if (nonce < 0) {
          throw new CommandLine.ParameterException(spec.commandLine(), "--nonce must be ≥ 0, got " + nonce);
        }
        body.put("nonce", nonce);
      }
      checkLocally();
      ApiClient.Reply reply = ApiClient.forNode(node).postJson("/api/tx", body.toString());
      JsonNode answer = parse(reply.body());
      if (reply.status() == 202 && answer.hasNonNull("id")) {
        spec.commandLine().getOut().println(answer.get("id").asText());
        spec.commandLine().getOut().flush();
        return 0;
      }
      String error = answer.hasNonNull("error") ? answer.get("error").asText() : StatusCommand.oneLine(reply.body());
      if (answer.path("kind").asText().equals("rejected")) {
        spec.commandLine().getErr().println("actorchain: transaction " + error);
        spec.commandLine().getErr().flush();
        return EXIT_REJECTED;
      }
      if (reply.status() == 400) {
        throw new UserError("bad transaction: " + error);
      }
      throw new UserError("node at " + node + " answered HTTP " + reply.status() + ": " + error);
    }

    /** The node checks again; this names the flag, not the JSON field. */
    private void checkLocally() {
      Coins.toGwei("--amount", amount);
      Coins.toGwei("--tip", tip);
      Coins.toGwei("--max-fee", maxFee);
      try {
        TxRequest.checkRecipient(to);
      } catch (BadRequest e) {
        throw new CommandLine.ParameterException(spec.commandLine(), "--to: " + e.getMessage());
      }
    }

    private JsonNode parse(String body) {
      try {
        JsonNode n = StatusCommand.MAPPER.readTree(body);
        return n == null ? StatusCommand.MAPPER.createObjectNode() : n;
      } catch (JsonProcessingException e) {
        return StatusCommand.MAPPER.createObjectNode();
      }
    }
  }
}
