using System.Text.Json;
using System.Text.Json.Nodes;
using ActorChain.Core.Codec;
using ActorChain.Core.Crypto;
using ActorChain.Core.Pos;
using ActorChain.Core.Pos.Block;
using ActorChain.Core.Pos.Model;
using ActorChain.Core.Pos.State;
using ActorChain.Core.Transactions;

namespace ActorChain.Core.Conformance.Golden;

/// <summary>
/// Golden family <c>blocks</c> (CONSENSUS.md §5.4): processes the block on its pre-state and reports the post-state
/// with the counts of epoch transitions and slashings, or the reason the block is invalid. The block is read without
/// the body-root check, which processing makes itself (<c>BAD_BODY_ROOT</c>).
/// </summary>
public sealed class BlocksFamily : IGoldenFamily
{
    /// <inheritdoc />
    public string Name => "blocks";

    /// <inheritdoc />
    public JsonNode? Run(string caseName, JsonElement input, JsonElement expected)
    {
        var config = ConsensusConfig.ForPreset(GoldenJson.Str(GoldenJson.Get(input, "preset")));
        var state = GoldenJson.Decoded(GoldenJson.Bytes(GoldenJson.Get(input, "preState")), BeaconState.Read);
        var block = ReadUnchecked(GoldenJson.Bytes(GoldenJson.Get(input, "block")));
        return BlockProcessing.ProcessBlock(state, block, config, SignatureCheck.Direct) switch
        {
            BlockApplied a => new JsonObject
            {
                ["valid"] = true,
                ["postStateRoot"] = a.PostState.Root().ToString(),
                ["postState"] = GoldenJson.Hex(Canonical.Encode(a.PostState)),
                ["epochTransitions"] = a.Transitions.Length,
                ["slashingsApplied"] = a.Slashings.Length,
            },
            BlockRejected r => new JsonObject
            {
                ["valid"] = false,
                ["reason"] = GoldenEnum.Name(r.Rejection.Reason),
            },
            _ => throw new InvalidOperationException("unknown block result"),
        };
    }

    private static BeaconBlock ReadUnchecked(byte[] bytes)
    {
        try
        {
            var r = new CanonicalReader(bytes);
            var header = BeaconBlockHeader.Read(r);
            var body = BeaconBlockBody.Read(r);
            var sig = Signature.Read(r);
            r.ExpectEnd();
            return new BeaconBlock(header, body, sig);
        }
        catch (MalformedEncodingException e)
        {
            throw new GoldenFormatException($"block does not decode: {e.Message}", e);
        }
    }
}
