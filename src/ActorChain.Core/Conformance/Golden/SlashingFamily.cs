using System.Text.Json;
using System.Text.Json.Nodes;
using ActorChain.Core.Codec;
using ActorChain.Core.Pos;
using ActorChain.Core.Pos.Model;
using ActorChain.Core.Pos.Protection;
using ActorChain.Core.Pos.Slashing;
using ActorChain.Core.Pos.State;
using ActorChain.Core.Transactions;

namespace ActorChain.Core.Conformance.Golden;

/// <summary>
/// The golden <c>slashing</c> family (CONSENSUS.md §5.2, §5.4 step 4, §5.7): <c>isSlashable</c>, slashing
/// protection, and the validity of evidence against a state with its reason.
/// </summary>
public sealed class SlashingFamily : IGoldenFamily
{
    /// <inheritdoc/>
    public string Name => "slashing";

    /// <inheritdoc/>
    public JsonNode? Run(string caseName, JsonElement input, JsonElement expected)
    {
        var fn = GoldenJson.Str(GoldenJson.Get(input, "fn"));
        return fn switch
        {
            "isSlashable" => IsSlashable(input),
            "protectBlock" => ProtectBlock(input),
            "protectAttestation" => ProtectAttestation(input),
            "validateEvidence" => ValidateEvidence(input),
            _ => throw new GoldenFormatException($"unknown fn '{fn}'"),
        };
    }

    private static JsonObject IsSlashable(JsonElement input)
    {
        var d1 = CanonicalJson.AttestationData(GoldenJson.Get(input, "d1"));
        var d2 = CanonicalJson.AttestationData(GoldenJson.Get(input, "d2"));
        var either = SlashingRules.IsSlashableEitherOrder(d1, d2);
        return new JsonObject
        {
            ["d1SlashesD2"] = SlashingRules.IsSlashableAttestationData(d1, d2),
            ["d2SlashesD1"] = SlashingRules.IsSlashableAttestationData(d2, d1),
            ["eitherOrder"] = either,
            ["kind"] = !either ? null : d1.Target.Epoch == d2.Target.Epoch ? "double-vote" : "surround-vote",
        };
    }

    private static JsonObject ProtectBlock(JsonElement input)
    {
        var record = CanonicalJson.SlashingProtectionRecord(GoldenJson.Get(input, "record"));
        var next = record.MaySignBlock(GoldenJson.U64(GoldenJson.Get(input, "slot")));
        return new JsonObject { ["allowed"] = next is not null, ["record"] = WriteRecord(next ?? record) };
    }

    private static JsonObject ProtectAttestation(JsonElement input)
    {
        var record = CanonicalJson.SlashingProtectionRecord(GoldenJson.Get(input, "record"));
        var next = record.MaySignAttestation(GoldenJson.U64(GoldenJson.Get(input, "sourceEpoch")),
            GoldenJson.U64(GoldenJson.Get(input, "targetEpoch")));
        return new JsonObject { ["allowed"] = next is not null, ["record"] = WriteRecord(next ?? record) };
    }

    private static JsonObject ValidateEvidence(JsonElement input)
    {
        var config = ConsensusConfig.ForPreset(GoldenJson.Str(GoldenJson.Get(input, "preset")));
        var state = GoldenJson.Decoded(GoldenJson.Bytes(GoldenJson.Get(input, "state")), BeaconState.Read);
        var bytes = GoldenJson.Bytes(GoldenJson.Get(input, "evidenceBytes"));
        var type = GoldenJson.Str(GoldenJson.Get(input, "evidenceType"));
        var sigs = SignatureCheck.Direct;
        var rejection = type switch
        {
            "ProposerSlashing" => SlashingRules.ValidateProposerSlashing(state, GoldenJson.Decoded(bytes, ProposerSlashing.Read), config, sigs),
            "AttesterSlashing" => SlashingRules.ValidateAttesterSlashing(state, GoldenJson.Decoded(bytes, AttesterSlashing.Read), config, sigs),
            _ => throw new GoldenFormatException($"unknown evidenceType '{type}'"),
        };
        return new JsonObject
        {
            ["valid"] = rejection is null,
            ["reason"] = rejection is null ? null : GoldenEnum.Name(rejection.Reason),
        };
    }

    private static JsonObject WriteRecord(SlashingProtectionRecord r) => new()
    {
        ["lastSignedBlockSlot"] = GoldenJson.U64Node(r.LastSignedBlockSlot),
        ["lastSourceEpoch"] = GoldenJson.U64Node(r.LastSourceEpoch),
        ["lastTargetEpoch"] = GoldenJson.U64Node(r.LastTargetEpoch),
    };
}
