using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using ActorChain.Core.Codec;
using ActorChain.Core.Crypto;
using ActorChain.Core.Pow;
using ActorChain.Core.Transactions;
using static ActorChain.Core.Conformance.Golden.GoldenJson;

namespace ActorChain.Core.Conformance.Golden;

/// <summary>
/// The <c>pow</c> family (CONSENSUS.md §2 Fees, §3): <c>powHash</c>, <c>work</c>, <c>retarget</c>, <c>nextTarget</c>,
/// <c>nextBaseFee</c> and <c>feeSplit</c>, selected by <c>input.fn</c>.
/// </summary>
public sealed class PowFamily : IGoldenFamily
{
    /// <inheritdoc/>
    public string Name => "pow";

    /// <inheritdoc/>
    public JsonNode? Run(string caseName, JsonElement input, JsonElement expected) => Str(Get(input, "fn")) switch
    {
        "powHash" => PowHash(Get(input, "header")),
        "work" => new JsonObject
        {
            ["work"] = Targets.Work(Hash(input, "target")).ToString(CultureInfo.InvariantCulture),
        },
        "retarget" => new JsonObject
        {
            ["newTarget"] = Retarget.NewTarget(Hash(input, "powLimit"), Hash(input, "oldTarget"),
                I64(Get(input, "actualSpan")), U64(Get(input, "expectedSpan"))).ToString(),
        },
        "nextTarget" => NextTarget(input),
        "nextBaseFee" => new JsonObject
        {
            ["nextBaseFee"] = U64Node(Fees.NextBaseFee(U64(Get(input, "baseFee")), I32(Get(input, "txCount")))),
        },
        "feeSplit" => FeeSplit(input),
        var fn => throw new GoldenFormatException($"unknown pow function '{fn}'"),
    };

    private static JsonObject PowHash(JsonElement h)
    {
        var header = CanonicalJson.PowHeader(h);
        var powHash = header.PowHash();
        var midstate = new PowHasher(header).Hash(header.Nonce);
        if (midstate != powHash)
        {
            throw new InvalidOperationException($"the midstate hasher gives {midstate}, the header {powHash}");
        }

        return new JsonObject
        {
            ["canonical"] = Hex(header.Canonical()),
            ["powHash"] = powHash.ToString(),
            ["meetsTarget"] = Targets.Meets(powHash, header.Target),
        };
    }

    private static JsonObject NextTarget(JsonElement input)
    {
        var powLimit = Hash(input, "powLimit");
        var p = new PowParams(PowParams.DefaultBlockReward, U64(Get(input, "retargetInterval")),
            U64(Get(input, "blockTimeMillis")), powLimit, genesisTarget: powLimit, PowParams.DefaultMaxFutureDriftMillis,
            PowParams.DefaultMedianTimeSpan, checkProofOfWork: true);
        var parent = new PowHeader(U64(Get(input, "parentHeight")), Hash32.Zero, U64(Get(input, "parentTimestamp")),
            Hash(input, "parentTarget"), Hash32.Zero, Address.Zero, 0);
        var anchorHeight = Retarget.AnchorHeight(p, parent.Height + 1);
        var anchorTimestamp = U64(Get(input, "anchorTimestamp"));
        var newTarget = Retarget.NextTarget(p, parent, h => h == anchorHeight
            ? anchorTimestamp
            : throw new GoldenFormatException($"the rule asked for the timestamp at {h}, the vector's anchor is {anchorHeight}"));
        return new JsonObject
        {
            ["anchorHeight"] = anchorHeight is { } a ? U64Node(a) : null,
            ["newTarget"] = newTarget.ToString(),
        };
    }

    private static JsonObject FeeSplit(JsonElement input)
    {
        var split = Fees.Split(U64(Get(input, "baseFee")), U64(Get(input, "maxFee")), U64(Get(input, "tip")));
        return new JsonObject
        {
            ["burned"] = U64Node(split.Burned),
            ["toProducer"] = U64Node(split.ToProducer),
            ["totalFee"] = U64Node(split.TotalFee),
        };
    }
}
