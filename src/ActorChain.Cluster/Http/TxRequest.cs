using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using ActorChain.Core.Crypto;
using ActorChain.Core.Transactions;
using ActorChain.Node.Configuration;

namespace ActorChain.Cluster.Http;

/// <summary>
/// The body of <c>POST /api/tx</c>: <c>{"from": "alice", "to": "bob" | "0x&lt;40 hex&gt;", "amount": "1.5", "tip":
/// "0.000000001", "maxFee": "0.00001", "nonce": 3}</c>. Amounts are coins (strings or numbers, at most 9 decimals);
/// <c>tip</c>, <c>maxFee</c> and <c>nonce</c> are optional. The sender is a name: its key derives from the chain seed.
/// </summary>
/// <param name="From">The sender's name.</param>
/// <param name="To">The recipient: a name or a 0x address.</param>
/// <param name="AmountGwei">The amount.</param>
/// <param name="TipGwei">The tip.</param>
/// <param name="MaxFeeGwei">The most the sender pays in fees.</param>
/// <param name="Nonce">The sender's nonce, or null for the next one after its pending transactions.</param>
public sealed partial record TxRequest(string From, string To, ulong AmountGwei, ulong TipGwei, ulong MaxFeeGwei, ulong? Nonce)
{
    /// <summary>The fields of the body.</summary>
    public static IReadOnlyList<string> Fields { get; } = ["from", "to", "amount", "tip", "maxFee", "nonce"];

    /// <summary>1 gwei: enough for the producer to prefer it at the genesis base fee.</summary>
    public const string DefaultTip = "0.000000001";

    /// <summary>10,000 gwei: far above the 1 gwei floor of the base fee.</summary>
    public const string DefaultMaxFee = "0.00001";

    [GeneratedRegex("^[A-Za-z0-9_.\\-]{1,64}$")]
    private static partial Regex Name();

    [GeneratedRegex("^0x[0-9a-fA-F]{40}$")]
    private static partial Regex Hex();

    /// <summary>The request in <paramref name="body"/>; a <see cref="BadRequest"/> naming the problem.</summary>
    public static TxRequest Parse(string body)
    {
        var root = ApiJson.ReadObject(body, [.. Fields], "with from, to and amount, e.g. {\"from\": \"alice\", \"to\": \"bob\", \"amount\": \"1.5\"}");
        var from = Text(root, "from");
        if (!Name().IsMatch(from))
            throw new BadRequest($"from must be a name such as alice (letters, digits, _ . -), got '{ApiJson.Echo(from)}'");
        var to = Text(root, "to");
        CheckName("to", to);
        var amount = Coins(root, "amount", null);
        var tip = Coins(root, "tip", DefaultTip);
        var maxFee = Coins(root, "maxFee", DefaultMaxFee);
        ulong? nonce = null;
        if (root.TryGetProperty("nonce", out var n) && n.ValueKind != JsonValueKind.Null)
        {
            if (n.ValueKind != JsonValueKind.Number || !n.TryGetUInt64(out var value))
                throw new BadRequest("nonce must be a whole number ≥ 0, got " + ApiJson.Echo(n));
            nonce = value;
        }
        return new TxRequest(from, to, amount, tip, maxFee, nonce);
    }

    /// <summary>A name, or <c>0x</c> and 20 bytes of hex; a <see cref="BadRequest"/> naming <paramref name="field"/> otherwise.</summary>
    public static void CheckName(string field, string who)
    {
        if (who.StartsWith("0x", StringComparison.Ordinal))
        {
            if (!Hex().IsMatch(who))
                throw new BadRequest($"{field} must be a name or 0x and 40 hex digits, got '{ApiJson.Echo(who)}'");
        }
        else if (!Name().IsMatch(who))
            throw new BadRequest($"{field} must be a name such as bob or a 0x address, got '{ApiJson.Echo(who)}'");
    }

    /// <summary>The address of a checked name or 0x address.</summary>
    public static Address AddressOf(ChainSettings settings, string who) =>
        who.StartsWith("0x", StringComparison.Ordinal) ? Address.FromHex(who[2..]) : settings.Key(who).Address;

    /// <summary>The transfer signed with the sender's name-derived key.</summary>
    public Transfer Sign(ChainSettings settings, ulong nonce) =>
        Transfer.Sign(settings.Key(From), AddressOf(settings, To), AmountGwei, MaxFeeGwei, TipGwei, nonce);

    private static string Text(JsonElement root, string field)
    {
        if (!root.TryGetProperty(field, out var v) || v.ValueKind == JsonValueKind.Null)
            throw new BadRequest(field + " is required");
        if (v.ValueKind != JsonValueKind.String)
            throw new BadRequest($"{field} must be a string, got {ApiJson.Echo(v)}");
        return v.GetString()!;
    }

    private static ulong Coins(JsonElement root, string field, string? fallback)
    {
        string text;
        if (!root.TryGetProperty(field, out var v) || v.ValueKind == JsonValueKind.Null)
            text = fallback ?? throw new BadRequest(field + " is required (coins, e.g. \"1.5\")");
        else if (v.ValueKind == JsonValueKind.String)
            text = v.GetString()!;
        else if (v.ValueKind == JsonValueKind.Number)
            text = v.GetRawText();
        else
            throw new BadRequest($"{field} must be an amount in coins such as \"1.5\", got {ApiJson.Echo(v)}");
        if (text.Length > 40)
            throw new BadRequest($"{field} must be an amount in coins such as \"1.5\", got '{ApiJson.Echo(text)}'");
        try
        {
            return Node.Configuration.Coins.ToGwei(field, text.ToString(CultureInfo.InvariantCulture));
        }
        catch (SettingsException e)
        {
            throw new BadRequest(ApiJson.Echo(e.Message));
        }
    }
}

/// <summary>The body of <c>POST /api/merge</c>: <c>{"atHeight": H}</c>, the PoW height whose canonical block becomes the terminal block; H ≥ 1.</summary>
/// <param name="AtHeight">The terminal PoW height.</param>
public sealed record MergeRequest(ulong AtHeight)
{
    /// <summary>The one field.</summary>
    public const string Field = "atHeight";

    /// <summary>The request in <paramref name="body"/>; a <see cref="BadRequest"/> naming the problem.</summary>
    public static MergeRequest Parse(string body)
    {
        var root = ApiJson.ReadObject(body, [Field], "such as {\"atHeight\": 100}");
        if (!root.TryGetProperty(Field, out var h) || h.ValueKind == JsonValueKind.Null)
            throw new BadRequest(Field + " is required, e.g. {\"atHeight\": 100}");
        if (h.ValueKind != JsonValueKind.Number || !h.TryGetUInt64(out var height))
            throw new BadRequest(Field + " must be a whole number ≥ 1, got " + ApiJson.Echo(h));
        if (height < 1)
            throw new BadRequest(Field + " must be ≥ 1 (height 0 is the genesis block), got 0");
        return new MergeRequest(height);
    }
}
