using System.Text.Json;
using System.Text.Json.Nodes;
using ActorChain.Core.Codec;
using ActorChain.Core.Pos;
using ActorChain.Core.Pos.Epoch;
using ActorChain.Core.Pos.State;

namespace ActorChain.Core.Conformance.Golden;

/// <summary>
/// Golden family <c>epoch</c> (CONSENSUS.md §5.5): decodes the pre-state, runs the nine steps once as at the end of
/// its epoch, and reports the post-state and the summary the README lists.
/// </summary>
public sealed class EpochFamily : IGoldenFamily
{
    /// <inheritdoc />
    public string Name => "epoch";

    /// <inheritdoc />
    public JsonNode? Run(string caseName, JsonElement input, JsonElement expected)
    {
        var config = ConsensusConfig.ForPreset(GoldenJson.Str(GoldenJson.Get(input, "preset")));
        var state = GoldenJson.Decoded(GoldenJson.Bytes(GoldenJson.Get(input, "preState")), BeaconState.Read);
        var t = EpochProcessing.ProcessEpoch(state, config, trace: false);
        var penalties = new JsonArray();
        foreach (var p in t.CorrelationPenalties)
        {
            penalties.Add(new JsonObject
            {
                ["validatorIndex"] = p.ValidatorIndex,
                ["penalty"] = GoldenJson.U64Node(p.Penalty),
            });
        }

        return new JsonObject
        {
            ["postState"] = GoldenJson.Hex(Canonical.Encode(state)),
            ["postStateRoot"] = state.Root().ToString(),
            ["summary"] = new JsonObject
            {
                ["epoch"] = GoldenJson.U64Node(t.Epoch),
                ["totalActiveBalance"] = GoldenJson.U64Node(t.TotalActiveBalance),
                ["previousTargetBalance"] = GoldenJson.U64Node(t.PreviousTargetBalance),
                ["currentTargetBalance"] = GoldenJson.U64Node(t.CurrentTargetBalance),
                ["inLeak"] = t.InLeak,
                ["justificationBitsBefore"] = t.BitsBefore,
                ["justificationBits"] = t.Bits,
                ["correlationPenalties"] = penalties,
            },
        };
    }
}

