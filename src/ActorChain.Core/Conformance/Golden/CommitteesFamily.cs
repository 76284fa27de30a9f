using System.Text.Json;
using System.Text.Json.Nodes;
using ActorChain.Core.Codec;
using ActorChain.Core.Crypto;
using ActorChain.Core.Ledger;
using ActorChain.Core.Pos;
using ActorChain.Core.Pos.Misc;
using ActorChain.Core.Pos.Model;
using ActorChain.Core.Pos.State;

namespace ActorChain.Core.Conformance.Golden;

/// <summary>
/// Golden family <c>committees</c> (§5.1): an epoch's active set, seeds, committees and proposers, from a state that
/// holds only the given validators and RANDAO mixes.
/// </summary>
public sealed class CommitteesFamily : IGoldenFamily
{
    /// <inheritdoc/>
    public string Name => "committees";

    /// <inheritdoc/>
    public JsonNode? Run(string caseName, JsonElement input, JsonElement expected)
    {
        var c = ConsensusConfig.ForPreset(GoldenJson.Str(GoldenJson.Get(input, "preset")));
        var slot = GoldenJson.U64(GoldenJson.Get(input, "slot"));
        var state = StateOf(c, slot, GoldenJson.Get(input, "validators"), GoldenJson.Get(input, "randaoMixes"));
        var epoch = c.EpochOf(slot);
        var shuffling = Committees.Shuffling(state, epoch, c);
        var proposerEpochSeed = Seeds.Seed(state, epoch, Domain.Proposer, c);

        var slots = new JsonArray();
        for (var s = c.StartSlot(epoch); s < c.StartSlot(epoch + 1); s++)
        {
            var committees = new JsonArray();
            for (ulong k = 0; k < shuffling.CommitteesPerSlot; k++)
            {
                committees.Add(Ints(shuffling.Committee(s, k)));
            }

            var proposer = Proposers.BeaconProposerIndex(state, s, c);
            slots.Add(new JsonObject
            {
                ["slot"] = GoldenJson.U64Node(s),
                ["committees"] = committees,
                ["proposerSeed"] = Proposers.ProposerSeed(state, s, c).ToString(),
                ["proposer"] = proposer is { } p ? JsonValue.Create(p) : null,
            });
        }

        return new JsonObject
        {
            ["epoch"] = GoldenJson.U64Node(epoch),
            ["activeIndices"] = Ints(Accessors.ActiveValidatorIndices(state, epoch)),
            ["committeesPerSlot"] = GoldenJson.U64Node(shuffling.CommitteesPerSlot),
            ["attesterSeed"] = shuffling.Seed.ToString(),
            ["proposerEpochSeed"] = proposerEpochSeed.ToString(),
            ["slots"] = slots,
        };
    }

    private static BeaconState StateOf(ConsensusConfig c, ulong slot, JsonElement validatorsJson, JsonElement mixesJson)
    {
        var validators = validatorsJson.EnumerateArray().Select(CanonicalJson.Validator).ToList();
        var mixes = mixesJson.EnumerateArray().Select(GoldenJson.Hash).ToArray();
        var n = validators.Count;
        var genesis = new Checkpoint(0, Hash32.Zero);
        return new BeaconState(slot, 0, Hash32.Zero, null, validators, new ulong[n], mixes,
            new Hash32[c.SlotsPerHistoricalRoot], new ulong[c.EpochsPerSlashingsVector], new byte[n], new byte[n], 0,
            genesis, genesis, genesis, new ulong[n], Accounts.Empty, 1);
    }

    private static JsonArray Ints(ReadOnlySpan<int> values)
    {
        var a = new JsonArray();
        foreach (var v in values)
        {
            a.Add(JsonValue.Create(v));
        }

        return a;
    }
}
