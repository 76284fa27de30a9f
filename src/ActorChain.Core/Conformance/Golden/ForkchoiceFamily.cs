using System.Text.Json;
using System.Text.Json.Nodes;
using ActorChain.Core.Pos;
using ActorChain.Core.Pos.ForkChoice;
using ActorChain.Core.Pos.Model;
using ActorChain.Core.Pos.State;
using ActorChain.Core.Transactions;

namespace ActorChain.Core.Conformance.Golden;

/// <summary>
/// The golden <c>forkchoice</c> family (CONSENSUS.md §5.6): an anchor, then ticks, blocks, attestations, attester
/// slashings and checks driven through a <see cref="ForkChoiceStore"/> as the node imports them.
/// </summary>
public sealed class ForkchoiceFamily : IGoldenFamily
{
    /// <inheritdoc/>
    public string Name => "forkchoice";

    /// <inheritdoc/>
    public JsonNode? Run(string caseName, JsonElement input, JsonElement expected)
    {
        var config = ConsensusConfig.ForPreset(GoldenJson.Str(GoldenJson.Get(input, "preset")));
        var anchorState = GoldenJson.Decoded(GoldenJson.Bytes(GoldenJson.Get(input, "anchorState")), BeaconState.Read);
        var anchorStateRoot = GoldenJson.Hash(input, "anchorStateRoot");
        if (anchorState.Root() != anchorStateRoot)
        {
            throw new GoldenFormatException($"the anchor state's root is {anchorState.Root()}, the case says {anchorStateRoot}");
        }

        var store = new ForkChoiceStore(GoldenJson.Hash(input, "anchorRoot"), anchorState, config);
        var sigs = SignatureCheck.Cached(1 << 12);
        var steps = new JsonArray();
        foreach (var step in GoldenJson.Get(input, "steps").EnumerateArray())
        {
            var type = GoldenJson.Str(GoldenJson.Get(step, "type"));
            steps.Add(type switch
            {
                "tick" => Tick(store, step),
                "block" => ImportBlock(store, GoldenJson.Decoded(GoldenJson.Bytes(GoldenJson.Get(step, "block")), BeaconBlock.Read), config, sigs),
                "attestation" => Accepted(store.OnAttestation(GoldenJson.Decoded(GoldenJson.Bytes(GoldenJson.Get(step, "attestation")), Attestation.Read), fromBlock: false)),
                "attesterSlashing" => Slash(store, step),
                "checks" => Checks(store),
                _ => throw new GoldenFormatException($"unknown step type '{type}'"),
            });
        }

        return new JsonObject { ["steps"] = steps };
    }

    private static JsonObject Tick(ForkChoiceStore store, JsonElement step)
    {
        store.OnTick(GoldenJson.U64(GoldenJson.Get(step, "slot")), GoldenJson.U64(GoldenJson.Get(step, "millisIntoSlot")));
        return [];
    }

    private static JsonObject Slash(ForkChoiceStore store, JsonElement step)
    {
        var evidence = GoldenJson.Decoded(GoldenJson.Bytes(GoldenJson.Get(step, "evidence")), AttesterSlashing.Read);
        store.OnAttesterSlashing([evidence.Offender]);
        return [];
    }

    /// <summary>The node's import order (<see cref="BlockImport"/>), reported as the family's README gives it.</summary>
    private static JsonObject ImportBlock(ForkChoiceStore store, BeaconBlock block, ConsensusConfig config, SignatureCheck sigs)
    {
        var outcome = BlockImport.Import(store, block, config, sigs);
        switch (outcome.Status)
        {
            case BlockImportStatus.Known:
                return new JsonObject { ["known"] = true };
            case BlockImportStatus.RefusedByForkChoice:
                return Invalid("forkChoice", GoldenEnum.Name(outcome.Refusal!.Reason));
            case BlockImportStatus.InvalidTransition:
                return Invalid("stateTransition", GoldenEnum.Name(outcome.Invalid!.Reason));
            default:
                var votes = new JsonArray();
                foreach (var r in outcome.Attestations)
                {
                    votes.Add(r is null ? "ACCEPTED" : GoldenEnum.Name(r.Reason));
                }

                return new JsonObject { ["valid"] = true, ["timely"] = outcome.Timely, ["attestations"] = votes };
        }
    }

    private static JsonObject Invalid(string stage, string reason) =>
        new() { ["valid"] = false, ["stage"] = stage, ["reason"] = reason };

    private static JsonObject Accepted(ForkChoiceRejection? r) => r is null
        ? new JsonObject { ["accepted"] = true }
        : new JsonObject { ["accepted"] = false, ["reason"] = GoldenEnum.Name(r.Reason) };

    private static JsonObject Checks(ForkChoiceStore store)
    {
        var head = store.GetHead();
        var equivocating = new JsonArray();
        foreach (var v in store.Equivocating)
        {
            equivocating.Add(GoldenJson.U64Node(v));
        }

        return new JsonObject
        {
            ["head"] = new JsonObject { ["root"] = GoldenJson.Hex(head.AsSpan()), ["slot"] = GoldenJson.U64Node(store.SlotOf(head) ?? 0) },
            ["justified"] = CheckpointJson(store.Justified),
            ["finalized"] = CheckpointJson(store.Finalized),
            ["proposerBoostRoot"] = store.ProposerBoostRoot is { } boost ? GoldenJson.Hex(boost.AsSpan()) : null,
            ["equivocating"] = equivocating,
        };
    }

    private static JsonObject CheckpointJson(Checkpoint c) =>
        new() { ["epoch"] = GoldenJson.U64Node(c.Epoch), ["root"] = GoldenJson.Hex(c.Root.AsSpan()) };
}
