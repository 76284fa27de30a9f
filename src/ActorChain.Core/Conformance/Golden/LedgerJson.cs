using System.Text.Json;
using System.Text.Json.Nodes;
using ActorChain.Core.Crypto;
using ActorChain.Core.Ledger;
using ActorChain.Core.Transactions;

namespace ActorChain.Core.Conformance.Golden;

/// <summary>
/// The vectors' JSON forms of the ledger records (<c>shared/golden/README.md</c>, "JSON form of records"):
/// Transaction (with <c>type</c>), Account, Accounts, RegistryEntry and LedgerState, both ways.
/// </summary>
public static class LedgerJson
{
    /// <summary>A transaction's JSON form: <c>type</c> then its fields.</summary>
    public static JsonObject ToJson(Transaction tx) => tx switch
    {
        Transfer t => new JsonObject
        {
            ["type"] = "Transfer",
            ["from"] = t.From.ToString(),
            ["to"] = t.To.ToString(),
            ["amount"] = GoldenJson.U64Node(t.Amount),
            ["maxFee"] = GoldenJson.U64Node(t.MaxFee),
            ["tip"] = GoldenJson.U64Node(t.Tip),
            ["nonce"] = GoldenJson.U64Node(t.Nonce),
            ["sig"] = t.Sig.ToString(),
        },
        Deposit d => new JsonObject
        {
            ["type"] = "Deposit",
            ["from"] = d.From.ToString(),
            ["validatorPubkey"] = d.ValidatorPubkey.ToString(),
            ["amount"] = GoldenJson.U64Node(d.Amount),
            ["maxFee"] = GoldenJson.U64Node(d.MaxFee),
            ["tip"] = GoldenJson.U64Node(d.Tip),
            ["nonce"] = GoldenJson.U64Node(d.Nonce),
            ["sig"] = d.Sig.ToString(),
        },
        Exit e => new JsonObject
        {
            ["type"] = "Exit",
            ["validatorIndex"] = GoldenJson.U64Node(e.ValidatorIndex),
            ["epoch"] = GoldenJson.U64Node(e.Epoch),
            ["sig"] = e.Sig.ToString(),
        },
        _ => throw new ArgumentException($"unknown transaction type {tx.GetType().Name}", nameof(tx)),
    };

    /// <summary>A transaction from its JSON form.</summary>
    public static Transaction Transaction(JsonElement e)
    {
        var type = GoldenJson.Str(GoldenJson.Get(e, "type"));
        ulong U(string name) => GoldenJson.U64(GoldenJson.Get(e, name));
        byte[] B(string name) => GoldenJson.Bytes(GoldenJson.Get(e, name));
        return type switch
        {
            "Transfer" => new Transfer(new PubKey(B("from")), new Address(B("to")), U("amount"), U("maxFee"), U("tip"),
                U("nonce"), new Signature(B("sig"))),
            "Deposit" => new Deposit(new PubKey(B("from")), new PubKey(B("validatorPubkey")), U("amount"), U("maxFee"),
                U("tip"), U("nonce"), new Signature(B("sig"))),
            "Exit" => new Exit(U("validatorIndex"), U("epoch"), new Signature(B("sig"))),
            _ => throw new GoldenFormatException($"unknown transaction type '{type}'"),
        };
    }

    /// <summary>An account's JSON form.</summary>
    public static JsonObject ToJson(Account a) => new()
    {
        ["address"] = a.Address.ToString(),
        ["balance"] = GoldenJson.U64Node(a.Balance),
        ["nonce"] = GoldenJson.U64Node(a.Nonce),
    };

    /// <summary>The accounts' JSON form: an array in ascending address order.</summary>
    public static JsonArray ToJson(Accounts accounts) => [.. accounts.All.Select(a => (JsonNode)ToJson(a))];

    /// <summary>A registry entry's JSON form.</summary>
    public static JsonObject ToJson(RegistryEntry e) => new()
    {
        ["pubkey"] = e.Pubkey.ToString(),
        ["stake"] = GoldenJson.U64Node(e.Stake),
        ["exitRequested"] = e.ExitRequested,
    };

    /// <summary>A ledger state's JSON form: <c>accounts</c>, <c>baseFee</c>, <c>registry</c>.</summary>
    public static JsonObject ToJson(LedgerState s) => new()
    {
        ["accounts"] = ToJson(s.Accounts),
        ["baseFee"] = GoldenJson.U64Node(s.BaseFee),
        ["registry"] = new JsonArray([.. s.Registry.Select(e => (JsonNode)ToJson(e))]),
    };

    /// <summary>An account from its JSON form.</summary>
    public static Account Account(JsonElement e) => new(new Address(GoldenJson.Bytes(GoldenJson.Get(e, "address"))),
        GoldenJson.U64(GoldenJson.Get(e, "balance")), GoldenJson.U64(GoldenJson.Get(e, "nonce")));

    /// <summary>The accounts from their JSON form, an array.</summary>
    public static Accounts Accounts(JsonElement e) =>
        e.ValueKind == JsonValueKind.Array
            ? Ledger.Accounts.Of(e.EnumerateArray().Select(Account))
            : throw new GoldenFormatException("Accounts: expected an array");

    /// <summary>A registry entry from its JSON form.</summary>
    public static RegistryEntry RegistryEntry(JsonElement e) => new(new PubKey(GoldenJson.Bytes(GoldenJson.Get(e, "pubkey"))),
        GoldenJson.U64(GoldenJson.Get(e, "stake")), GoldenJson.Bool(GoldenJson.Get(e, "exitRequested")));

    /// <summary>A ledger state from its JSON form.</summary>
    public static LedgerState LedgerState(JsonElement e) => new(
        Accounts(GoldenJson.Get(e, "accounts")),
        GoldenJson.U64(GoldenJson.Get(e, "baseFee")),
        GoldenJson.Get(e, "registry").EnumerateArray().Select(RegistryEntry));
}
