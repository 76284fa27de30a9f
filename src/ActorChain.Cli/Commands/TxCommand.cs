using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ActorChain.Core;

namespace ActorChain.Cli.Commands;

/// <summary>
/// <c>tx send --node HOST:PORT --from NAME --to NAME|0xADDR --amount COINS [--nonce N] [--tip COINS] [--max-fee COINS]</c>:
/// a transfer through <c>POST /api/tx</c> (the Java version's body: <c>from</c>, <c>to</c>, <c>amount</c>, <c>tip</c>,
/// <c>maxFee</c>, <c>nonce</c>; the node signs with the sender's key, derived from the chain seed and the name). Without
/// <c>--nonce</c> the nonce is the sender's <c>pendingNonce</c> from <c>GET /api/account/{name}</c> (its head nonce plus
/// its transactions waiting in the mempool), so two sends in a row both land. Prints the transaction id; exit 1 when
/// the node rejects it (the reason is printed), 2 on a bad flag.
/// </summary>
public static partial class TxCommand
{
    /// <summary>The default tip: 1 gwei, enough for a producer to prefer it at the genesis base fee.</summary>
    public const string DefaultTip = "0.000000001";

    /// <summary>The default most to pay in fees: 10,000 gwei, far above the 1 gwei floor of the base fee.</summary>
    public const string DefaultMaxFee = "0.00001";

    /// <summary>The flags of one <c>tx send</c>.</summary>
    /// <param name="Node">The node's HTTP address.</param>
    /// <param name="From">The sender's name.</param>
    /// <param name="To">The recipient: a name or a 0x address.</param>
    /// <param name="Amount">Coins to send.</param>
    /// <param name="Tip">The tip, in coins.</param>
    /// <param name="MaxFee">The most to pay in fees, in coins.</param>
    /// <param name="Nonce">The sender's nonce, or null for its pending nonce.</param>
    public sealed record SendRequest(string Node, string From, string To, string Amount, string Tip, string MaxFee, long? Nonce);

    /// <summary>The command, with its one subcommand <c>send</c>.</summary>
    public static Command Create()
    {
        var node = ClientCommand.NodeOption("the node");
        var from = new Option<string>("--from") { Description = "The sender's name (its key is derived from the chain seed and the name)", HelpName = "NAME", Required = true };
        var to = new Option<string>("--to") { Description = "The recipient: a name or a 0x address", HelpName = "NAME|0xADDR", Required = true };
        var amount = new Option<string>("--amount") { Description = "Coins to send, e.g. 1.5 (at most 9 decimals)", HelpName = "COINS", Required = true };
        var nonce = new Option<long?>("--nonce") { Description = "The sender's nonce (default: its pendingNonce at the node: head nonce plus its transactions in the mempool)", HelpName = "N" };
        var tip = new Option<string>("--tip") { Description = $"Tip to the block producer in coins (default {DefaultTip})", HelpName = "COINS", DefaultValueFactory = _ => DefaultTip };
        var maxFee = new Option<string>("--max-fee") { Description = $"The most to pay in fees, base fee included, in coins (default {DefaultMaxFee})", HelpName = "COINS", DefaultValueFactory = _ => DefaultMaxFee };
        var send = new Command("send", "Submit a transfer signed with the sender's name-derived key to a node; prints the transaction id. Exit 1 when the node rejects it (the reason is printed), 2 on bad input")
        {
            node, from, to, amount, nonce, tip, maxFee,
        };
        ClientCommand.SetAction(send, (parse, stdout, stderr, ct) => SendAsync(
            new SendRequest(parse.GetValue(node)!, parse.GetValue(from)!, parse.GetValue(to)!, parse.GetValue(amount)!, parse.GetValue(tip)!,
                parse.GetValue(maxFee)!, parse.GetValue(nonce)), stdout, stderr, ct));
        return new Command("tx", "Send transactions to a running node") { send };
    }

    /// <summary>Submits the transfer and prints its id.</summary>
    public static Task<int> SendAsync(SendRequest request, TextWriter stdout, TextWriter stderr, CancellationToken ct) =>
        ClientCommand.RunAsync("tx send", stderr, async () =>
        {
            ArgumentNullException.ThrowIfNull(request);
            ArgumentNullException.ThrowIfNull(stdout);
            CheckLocally(request);
            using var client = NodeClient.ForNode(request.Node);
            var nonce = request.Nonce ?? await PendingNonceAsync(client, request.From, ct).ConfigureAwait(false);
            var body = new JsonObject
            {
                ["from"] = request.From,
                ["to"] = request.To,
                ["amount"] = request.Amount,
                ["tip"] = request.Tip,
                ["maxFee"] = request.MaxFee,
                ["nonce"] = nonce,
            };
            var reply = await client.PostAsync("/api/tx", body, ct).ConfigureAwait(false);
            if (reply.Status == 202 && reply.Json?["id"] is JsonValue id && id.GetValueKind() == JsonValueKind.String)
            {
                await stdout.WriteLineAsync(id.GetValue<string>()).ConfigureAwait(false);
                return 0;
            }

            if (ClientCommand.Text(reply.Json, "kind") == "rejected")
                throw new NodeRefusedException("transaction " + reply.Error);
            if (reply.Status == 400)
                throw new NodeRefusedException("bad transaction: " + reply.Error);
            throw new NodeRefusedException($"node at {client.Node} answered HTTP {reply.Status}: {reply.Error}");
        });

    /// <summary>The sender's next nonce counting its pending transactions: <c>pendingNonce</c>, else <c>nonce</c>, of its account.</summary>
    private static async Task<long> PendingNonceAsync(NodeClient client, string from, CancellationToken ct)
    {
        var path = "/api/account/" + Uri.EscapeDataString(from);
        var reply = await client.GetAsync(path, ct).ConfigureAwait(false);
        if (reply.Status != 200)
            throw new NodeRefusedException($"cannot read the nonce of {from}: node at {client.Node} answered HTTP {reply.Status} to {path}: {reply.Error}");
        foreach (var field in (string[])["pendingNonce", "nonce"])
        {
            if (reply.Json?[field] is JsonValue v && v.TryGetValue<long>(out var n)) return n;
        }

        throw new NodeRefusedException($"cannot read the nonce of {from}: node at {client.Node} answered no pendingNonce to {path}: {NodeClient.OneLine(reply.Text)}");
    }

    /// <summary>The node checks again; this names the flag, not the JSON field.</summary>
    private static void CheckLocally(SendRequest r)
    {
        if (!Name().IsMatch(r.From)) throw new UsageException($"--from must be a name such as alice (letters, digits, _ . -), got '{r.From}'");
        if (r.To.StartsWith("0x", StringComparison.Ordinal) ? !AddressHex().IsMatch(r.To) : !Name().IsMatch(r.To))
            throw new UsageException($"--to must be a name such as bob or 0x and 40 hex digits, got '{r.To}'");
        foreach (var (flag, value) in (ReadOnlySpan<(string, string)>)[("--amount", r.Amount), ("--tip", r.Tip), ("--max-fee", r.MaxFee)])
        {
            if (Units.TryParseCoins(value, out var reason) is null) throw new UsageException($"{flag}: {reason}");
        }

        if (r.Nonce is < 0) throw new UsageException($"--nonce must be ≥ 0, got {r.Nonce}");
    }

    [GeneratedRegex("^[A-Za-z0-9_.\\-]{1,64}$")]
    private static partial Regex Name();

    [GeneratedRegex("^0x[0-9a-fA-F]{40}$")]
    private static partial Regex AddressHex();
}
