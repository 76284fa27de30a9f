using System.Text.Json;
using ActorChain.Core.Conformance.Golden;
using ActorChain.Core.Pos.Protection;

namespace ActorChain.Core.Tests.Pos.Protection;

/// <summary>The record agrees with every <c>protectBlock</c> and <c>protectAttestation</c> case of the golden <c>slashing</c> family.</summary>
public sealed class SlashingProtectionVectorTests
{
    private static SlashingProtectionRecord RecordOf(JsonElement r) => new(
        GoldenJson.U64(r.GetProperty("lastSignedBlockSlot")),
        GoldenJson.U64(r.GetProperty("lastSourceEpoch")),
        GoldenJson.U64(r.GetProperty("lastTargetEpoch")));

    [SkippableFact]
    public void Allows_and_records_as_the_golden_protection_cases_say()
    {
        var file = Path.Combine(SharedFiles.Require(Path.Combine("golden", "slashing")), "cases.jsonl");
        var seen = 0;
        foreach (var line in File.ReadLines(file))
        {
            using var doc = JsonDocument.Parse(line);
            var input = doc.RootElement.GetProperty("input");
            var fn = input.GetProperty("fn").GetString();
            if (fn is not ("protectBlock" or "protectAttestation"))
            {
                continue;
            }

            seen++;
            var name = doc.RootElement.GetProperty("case").GetString();
            var output = doc.RootElement.GetProperty("output");
            var record = RecordOf(input.GetProperty("record"));
            var updated = fn == "protectBlock"
                ? record.MaySignBlock(GoldenJson.U64(input.GetProperty("slot")))
                : record.MaySignAttestation(GoldenJson.U64(input.GetProperty("sourceEpoch")), GoldenJson.U64(input.GetProperty("targetEpoch")));
            (updated is not null).Should().Be(output.GetProperty("allowed").GetBoolean(), name);
            (updated ?? record).Should().Be(RecordOf(output.GetProperty("record")), name);
        }

        seen.Should().Be(60);
    }
}
