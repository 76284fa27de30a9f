package io.actorchain.node.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.actorchain.core.crypto.Address;
import io.actorchain.core.tx.Transfer;
import io.actorchain.node.config.ChainSettings;
import io.actorchain.node.config.Coins;
import io.actorchain.node.config.SettingsException;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The body of {@code POST /api/tx}: {@code {"from": "alice", "to": "bob" | "0x<40 hex>", "amount": "1.5",
 * "tip": "0.000000001", "maxFee": "0.00001", "nonce": 3}}. Amounts are coins (strings or numbers, at
 * most 9 decimals). {@code tip}, {@code maxFee} and {@code nonce} are optional. The sender is a name:
 * its key is derived from the chain seed and the name (CONSENSUS.md §0).
 *
 * @param nonce the sender's nonce, or null for the next one of the head state
 */
public record TxRequest(String from, String to, long amountGwei, long tipGwei, long maxFeeGwei, Long nonce) {
  public static final List<String> FIELDS = List.of("from", "to", "amount", "tip", "maxFee", "nonce");
  /** 1 gwei: enough for the producer to prefer it at the genesis base fee. */
  public static final String DEFAULT_TIP = "0.000000001";
  /** 10,000 gwei: far above the 1 gwei floor of the base fee. */
  public static final String DEFAULT_MAX_FEE = "0.00001";

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.\\-]{1,64}");
  private static final Pattern ADDRESS = Pattern.compile("0x[0-9a-fA-F]{" + (2 * Address.WIDTH) + "}");

  public static TxRequest parse(String body) {
    JsonNode root = ApiJson.readObject(body, FIELDS, "with from, to and amount");
    String from = text(root, "from", true);
    if (!NAME.matcher(from).matches()) {
      throw new BadRequest("from must be a name such as alice (letters, digits, _ . -), got '" + from + "'");
    }
    String to = text(root, "to", true);
    checkRecipient(to);
    long amount = coins(root, "amount", null);
    long tip = coins(root, "tip", DEFAULT_TIP);
    long maxFee = coins(root, "maxFee", DEFAULT_MAX_FEE);
    Long nonce = null;
    JsonNode n = root.get("nonce");
    if (n != null && !n.isNull()) {
      if (!n.canConvertToExactIntegral() || !n.canConvertToLong() || n.asLong() < 0) {
        throw new BadRequest("nonce must be a whole number ≥ 0, got " + n);
      }
      nonce = n.asLong();
    }
    return new TxRequest(from, to, amount, tip, maxFee, nonce);
  }

  /** A name, or {@code 0x} and 20 bytes of hex. */
  public static void checkRecipient(String to) {
    if (to.startsWith("0x")) {
      if (!ADDRESS.matcher(to).matches()) {
        throw new BadRequest("to must be a name or 0x and " + (2 * Address.WIDTH) + " hex digits, got '" + to + "'");
      }
    } else if (!NAME.matcher(to).matches()) {
      throw new BadRequest("to must be a name such as bob or a 0x address, got '" + to + "'");
    }
  }

  public Address fromAddress(ChainSettings settings) {
    return settings.key(from).address();
  }

  public Address toAddress(ChainSettings settings) {
    return to.startsWith("0x") ? Address.fromHex(to) : settings.key(to).address();
  }

  /** The transfer signed with the sender's name-derived key. */
  public Transfer sign(ChainSettings settings, long senderNonce) {
    return Transfer.sign(settings.key(from), toAddress(settings), amountGwei, maxFeeGwei, tipGwei, senderNonce);
  }

  private static String text(JsonNode root, String field, boolean required) {
    JsonNode v = root.get(field);
    if (v == null || v.isNull()) {
      if (required) {
        throw new BadRequest(field + " is required");
      }
      return null;
    }
    if (!v.isTextual()) {
      throw new BadRequest(field + " must be a string, got " + v);
    }
    return v.asText();
  }

  private static long coins(JsonNode root, String field, String fallback) {
    JsonNode v = root.get(field);
    String text;
    if (v == null || v.isNull()) {
      if (fallback == null) {
        throw new BadRequest(field + " is required (coins, e.g. \"1.5\")");
      }
      text = fallback;
    } else if (v.isTextual()) {
      text = v.asText();
    } else if (v.isNumber()) {
      text = v.decimalValue().toPlainString();
    } else {
      throw new BadRequest(field + " must be an amount in coins such as \"1.5\", got " + v);
    }
    try {
      return Coins.toGwei(field, text);
    } catch (SettingsException e) {
      throw new BadRequest(e.getMessage());
    }
  }
}
