using System.Text.Json;
using System.Text.Json.Nodes;
using ActorChain.Core.Ledger;
using ActorChain.Core.Transactions;

namespace ActorChain.Core.Conformance.Golden;

/// <summary>
/// Golden family <c>transactions</c> (CONSENSUS.md §2): one transaction validated and applied with
/// <see cref="TxRules"/>, or a block's transactions in order with <see cref="TxApplier"/>. Inputs are decoded from
/// their canonical bytes and checked against their JSON forms.
/// </summary>
public sealed class TransactionsFamily : IGoldenFamily
{
    /// <inheritdoc />
    public string Name => "transactions";

    /// <inheritdoc />
    public JsonNode? Run(string caseName, JsonElement input, JsonElement expected)
    {
        var state = DecodeState(input);
        return GoldenJson.Str(GoldenJson.Get(input, "fn")) switch
        {
            "applyTransaction" => ApplyTransaction(state, DecodeTx(GoldenJson.Get(input, "txBytes"), GoldenJson.Get(input, "tx"))),
            "applyBlockTransactions" => ApplyBlock(state, DecodeTxs(input)),
            var fn => throw new GoldenFormatException($"unknown fn '{fn}'"),
        };
    }

    private static JsonObject ApplyTransaction(LedgerState state, Transaction tx)
    {
        if (TxRules.Validate(tx, state) is { } rejection)
        {
            return Invalid(rejection.Reason);
        }

        var accounts = state.Accounts.ToBuilder();
        var registry = state.Registry.ToList();
        var tip = TxRules.Apply(tx, accounts, registry, state.BaseFee);
        var post = new LedgerState(accounts.Build(), state.BaseFee, registry);
        return new JsonObject
        {
            ["valid"] = true,
            ["tipPaid"] = GoldenJson.U64Node(tip),
            ["feePaid"] = GoldenJson.U64Node(Fees.FeePaid(tx, state.BaseFee)),
            ["postState"] = LedgerJson.ToJson(post),
            ["postStateRoot"] = post.Root.ToString(),
        };
    }

    private static JsonObject ApplyBlock(LedgerState state, IReadOnlyList<Transaction> txs)
    {
        var applier = TxApplier.On(state);
        for (var i = 0; i < txs.Count; i++)
        {
            if (applier.TryApply(txs[i]) is { } rejection)
            {
                var invalid = Invalid(rejection.Reason);
                invalid.Insert(1, "firstInvalidIndex", i);
                return invalid;
            }
        }

        var tips = applier.Tips;
        var post = applier.Finish();
        return new JsonObject
        {
            ["valid"] = true,
            ["tips"] = GoldenJson.U64Node(tips),
            ["postState"] = LedgerJson.ToJson(post),
            ["postStateRoot"] = post.Root.ToString(),
        };
    }

    private static JsonObject Invalid(TxInvalidReason reason) =>
        new() { ["valid"] = false, ["reason"] = GoldenEnum.Name(reason) };

    private static LedgerState DecodeState(JsonElement input)
    {
        var bytes = GoldenJson.Bytes(GoldenJson.Get(input, "stateBytes"));
        if (!LedgerState.TryDecode(bytes, out var state, out var error))
        {
            throw new GoldenFormatException($"stateBytes do not decode: {error}");
        }

        return state.Equals(LedgerJson.LedgerState(GoldenJson.Get(input, "state")))
            ? state
            : throw new GoldenFormatException("stateBytes and the state's JSON form disagree");
    }

    private static Transaction DecodeTx(JsonElement bytes, JsonElement json)
    {
        if (!Transaction.TryDecode(GoldenJson.Bytes(bytes), out var tx, out var error))
        {
            throw new GoldenFormatException($"transaction bytes do not decode: {error}");
        }

        return tx.Equals(LedgerJson.Transaction(json))
            ? tx
            : throw new GoldenFormatException("a transaction's bytes and JSON form disagree");
    }

    private static List<Transaction> DecodeTxs(JsonElement input)
    {
        var bytes = GoldenJson.Get(input, "txsBytes").EnumerateArray().ToList();
        var json = GoldenJson.Get(input, "txs").EnumerateArray().ToList();
        return bytes.Count == json.Count
            ? [.. bytes.Zip(json, DecodeTx)]
            : throw new GoldenFormatException($"{bytes.Count} txsBytes but {json.Count} txs");
    }
}
