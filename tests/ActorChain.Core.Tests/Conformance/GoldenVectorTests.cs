using System.Text.Json;
using ActorChain.Core.Conformance.Golden;
using Xunit.Abstractions;

namespace ActorChain.Core.Tests.Conformance;

/// <summary>Every family of <c>shared/golden</c> passes every case (its README is the contract).</summary>
public sealed class GoldenVectorTests(ITestOutputHelper output)
{
    /// <summary>Each family of <c>shared/golden/manifest.json</c> with its case count; empty when shared/ is missing.</summary>
    private static IReadOnlyDictionary<string, int> ManifestCounts()
    {
        var manifest = SharedFiles.Shared is { } shared ? Path.Combine(shared, "golden", "manifest.json") : null;
        if (manifest is null || !File.Exists(manifest))
        {
            return new Dictionary<string, int>();
        }

        using var doc = JsonDocument.Parse(File.ReadAllText(manifest));
        return doc.RootElement.GetProperty("families").EnumerateObject().ToDictionary(f => f.Name, f => f.Value.GetInt32());
    }

    /// <summary>The families the manifest lists, or a placeholder when shared/ is missing (the test then skips).</summary>
    public static TheoryData<string> ManifestFamilies()
    {
        var families = ManifestCounts().Keys.Order(StringComparer.Ordinal).ToList();
        return families.Count == 0 ? new TheoryData<string> { "(shared/golden missing)" } : new TheoryData<string>(families);
    }

    [SkippableTheory]
    [MemberData(nameof(ManifestFamilies))]
    public void Family_passes_every_case(string family)
    {
        var dir = SharedFiles.Require(Path.Combine("golden", family));
        var file = Path.Combine(dir, "cases.jsonl");
        var expectedCount = ManifestCounts()[family];

        var results = GoldenRunner.RunFile(file).ToList();
        var failures = results.Where(r => !r.Passed).ToList();
        foreach (var f in failures.Take(20))
        {
            output.WriteLine($"{f.Case}: {f.Difference}");
        }

        failures.Should().BeEmpty($"every {family} case must pass (first: {failures.FirstOrDefault()?.Difference})");
        results.Should().HaveCount(expectedCount, "the manifest counts the family's cases");
    }
}
