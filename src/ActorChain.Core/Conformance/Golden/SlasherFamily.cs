using System.Text.Json;
using System.Text.Json.Nodes;
using ActorChain.Core.Codec;
using ActorChain.Core.Pos;
using ActorChain.Core.Pos.Model;
using ActorChain.Core.Pos.Slashing;

namespace ActorChain.Core.Conformance.Golden;

/// <summary>
/// The golden <c>slasher</c> family (CONSENSUS.md §6): a stream of headers, attestations and epoch ticks fed to one
/// <see cref="Slasher"/>, with what it returns after each item and the offenders at the end.
/// </summary>
public sealed class SlasherFamily : IGoldenFamily
{
    /// <inheritdoc/>
    public string Name => "slasher";

    /// <inheritdoc/>
    public JsonNode? Run(string caseName, JsonElement input, JsonElement expected)
    {
        var config = ConsensusConfig.ForPreset(GoldenJson.Str(GoldenJson.Get(input, "preset")));
        var slasher = new Slasher(config, GoldenJson.U64(GoldenJson.Get(input, "historyEpochs")));
        var firstIndexOf = new Dictionary<string, int>(StringComparer.Ordinal); // item bytes → first occurrence
        var results = new JsonArray();
        var i = 0;
        foreach (var item in GoldenJson.Get(input, "items").EnumerateArray())
        {
            var type = GoldenJson.Str(GoldenJson.Get(item, "type"));
            if (type == "epoch")
            {
                slasher.OnEpoch(GoldenJson.U64(GoldenJson.Get(item, "epoch")));
                results.Add(null);
                i++;
                continue;
            }

            var bytes = GoldenJson.Bytes(GoldenJson.Get(item, "bytes"));
            firstIndexOf.TryAdd(GoldenJson.Hex(bytes), i);
            results.Add(type switch
            {
                "header" => Report(slasher.OnHeader(GoldenJson.Decoded(bytes, SignedBeaconBlockHeader.Read)), firstIndexOf),
                "attestation" => Report(slasher.OnAttestation(GoldenJson.Decoded(bytes, Attestation.Read)), firstIndexOf),
                _ => throw new GoldenFormatException($"unknown item type '{type}'"),
            });
            i++;
        }

        var offenders = new JsonArray();
        foreach (var v in slasher.Offenders)
        {
            offenders.Add(GoldenJson.U64Node(v));
        }

        return new JsonObject { ["results"] = results, ["offenders"] = offenders };
    }

    private static JsonObject? Report(ProposerSlashing? s, Dictionary<string, int> firstIndexOf) =>
        s is null ? null : Entry(SlashingKind.DoubleProposal, s.Offender, firstIndexOf[GoldenJson.Hex(Canonical.Encode(s.H1))],
            firstIndexOf[GoldenJson.Hex(Canonical.Encode(s.H2))], Canonical.Encode(s));

    private static JsonObject? Report(AttesterSlashing? s, Dictionary<string, int> firstIndexOf) =>
        s is null ? null : Entry(SlashingRules.KindOf(s), s.Offender, firstIndexOf[GoldenJson.Hex(Canonical.Encode(s.A1))],
            firstIndexOf[GoldenJson.Hex(Canonical.Encode(s.A2))], Canonical.Encode(s));

    private static JsonObject Entry(SlashingKind kind, ulong offender, int first, int second, byte[] evidence) => new()
    {
        ["kind"] = GoldenEnum.Name(kind),
        ["offender"] = GoldenJson.U64Node(offender),
        ["first"] = first,
        ["second"] = second,
        ["evidence"] = GoldenJson.Hex(evidence),
    };
}
