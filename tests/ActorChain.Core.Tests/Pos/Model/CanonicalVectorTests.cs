using System.Text.Json;
using ActorChain.Core.Codec;
using ActorChain.Core.Pos.Model;
using ActorChain.Core.Pos.Protection;
using ActorChain.Core.Pos.State;

namespace ActorChain.Core.Tests.Pos.Model;

/// <summary>
/// The PoS records of the golden <c>canonical</c> family, from their bytes: each value decodes, re-encodes to the same
/// bytes and has the expected root; each rejection case is rejected (golden README "Strict decoding").
/// </summary>
public sealed class CanonicalVectorTests
{
    private static readonly Dictionary<string, Func<byte[], (byte[] Bytes, Hash32 Root)?>> Readers = new()
    {
        ["Checkpoint"] = b => Checkpoint.Decode(b, out _) is { } x ? (x.Encode(), x.HashRoot()) : null,
        ["AttestationData"] = b => AttestationData.Decode(b, out _) is { } x ? (x.Encode(), x.Root) : null,
        ["Attestation"] = b => Attestation.Decode(b, out _) is { } x ? (x.Encode(), x.Root) : null,
        ["BeaconBlockHeader"] = b => BeaconBlockHeader.Decode(b, out _) is { } x ? (x.Encode(), x.Root) : null,
        ["SignedBeaconBlockHeader"] = b => SignedBeaconBlockHeader.Decode(b, out _) is { } x ? (x.Encode(), x.HashRoot()) : null,
        ["ProposerSlashing"] = b => ProposerSlashing.Decode(b, out _) is { } x ? (x.Encode(), x.Root) : null,
        ["AttesterSlashing"] = b => AttesterSlashing.Decode(b, out _) is { } x ? (x.Encode(), x.Root) : null,
        ["BeaconBlockBody"] = b => BeaconBlockBody.Decode(b, out _) is { } x ? (x.Encode(), x.Root) : null,
        ["BeaconBlock"] = b => BeaconBlock.Decode(b, out _) is { } x ? (x.Encode(), x.Root) : null,
        ["Validator"] = b => Validator.Decode(b, out _) is { } x ? (x.Encode(), x.HashRoot()) : null,
        ["SlashingProtectionRecord"] = b => SlashingProtectionRecord.Decode(b, out _) is { } x ? (x.Encode(), Canonical.Root(x)) : null,
        ["BeaconState"] = b => BeaconState.Decode(b, out _) is { } x ? (x.Encode(), x.Root()) : null,
    };

    [SkippableFact]
    public void Every_pos_record_of_the_canonical_vectors_round_trips_and_every_rejection_is_rejected()
    {
        var file = Path.Combine(SharedFiles.Require(Path.Combine("golden", "canonical")), "cases.jsonl");
        var seen = 0;
        foreach (var line in File.ReadLines(file))
        {
            using var doc = JsonDocument.Parse(line);
            var root = doc.RootElement;
            var name = root.GetProperty("case").GetString()!;
            var input = root.GetProperty("input");
            if (!Readers.TryGetValue(input.GetProperty("type").GetString()!, out var read))
            {
                continue;
            }

            seen++;
            var output = root.GetProperty("output");
            if (input.TryGetProperty("decode", out var rejected))
            {
                read(Convert.FromHexString(rejected.GetString()!)).Should().BeNull(name);
                continue;
            }

            var bytes = Convert.FromHexString(output.GetProperty("bytes").GetString()!);
            var decoded = read(bytes);
            decoded.Should().NotBeNull(name);
            decoded!.Value.Bytes.Should().Equal(bytes, name);
            decoded.Value.Root.Should().Be(Hash32.FromHex(output.GetProperty("root").GetString()!), name);
        }

        seen.Should().Be(155, "the PoS records' value and rejection cases");
    }
}
