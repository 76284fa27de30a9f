using System.Text.Json;
using ActorChain.Core.Conformance.Golden;
using Xunit.Abstractions;

namespace ActorChain.Core.Tests.Conformance;

/// <summary>Every family of <c>shared/golden</c> passes every case (its README is the contract).</summary>
public sealed class GoldenVectorTests(ITestOutputHelper output)
{
    /// <summary>The families the manifest lists, or a placeholder when shared/ is missing (the test then skips).</summary>
    public static TheoryData<string> ManifestFamilies()
    {
        var data = new TheoryData<string>();
        var shared = SharedFiles.Shared;
        var manifest = shared is null ? null : Path.Combine(shared, "golden", "manifest.json");
        if (manifest is null || !File.Exists(manifest))
        {
            data.Add("(shared/golden missing)");
            return data;
        }

        using var doc = JsonDocument.Parse(File.ReadAllText(manifest));
        foreach (var family in doc.RootElement.GetProperty("families").EnumerateObject())
        {
            data.Add(family.Name);
        }

        return data;
    }

    [SkippableTheory]
    [MemberData(nameof(ManifestFamilies))]
    public void Family_passes_every_case(string family)
    {
        var dir = SharedFiles.Require(Path.Combine("golden", family));
        var file = Path.Combine(dir, "cases.jsonl");
        using var doc = JsonDocument.Parse(File.ReadAllText(SharedFiles.Require(Path.Combine("golden", "manifest.json"))));
        var expectedCount = doc.RootElement.GetProperty("families").GetProperty(family).GetInt32();

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
