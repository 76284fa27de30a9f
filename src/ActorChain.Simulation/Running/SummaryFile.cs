using System.Collections.Immutable;
using System.Reflection;
using ActorChain.Simulation.Outputs;
using ActorChain.Simulation.Scenarios;

namespace ActorChain.Simulation.Running;

/// <summary>summary.json (SIMULATION.md): the documented fields in the documented order, then the tool and schema versions.</summary>
public static class SummaryFile
{
    /// <summary>The version of summary.json's layout; raised when a field changes meaning or goes.</summary>
    public const int SchemaVersion = 1;

    /// <summary>The informational version of this build (e.g. <c>0.2.0+abc123</c>).</summary>
    public static string ToolVersion { get; } =
        typeof(SummaryFile).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? typeof(SummaryFile).Assembly.GetName().Version?.ToString() ?? "unknown";

    /// <summary>
    /// The summary object (<c>forensics</c> null unless two nodes finalized conflicting checkpoints); <c>resultHash</c> is the hex SHA-256 of the canonical JSON (sorted keys, no spaces) of
    /// <c>{"nodes":…,"validators":…}</c>.
    /// </summary>
    public static JsonMap Build(Scenario sc, ulong slots, ulong epochs, double virtualSeconds, double wallSeconds, double? slotsPerSecond,
        IReadOnlyList<JsonMap> nodes, IReadOnlyList<JsonMap> validators, IReadOnlyList<JsonMap> slashings, JsonMap pow,
        ImmutableArray<JsonMap> faults, ImmutableArray<JsonMap> expectations, JsonMap? forensics = null) => new()
    {
        ["scenario"] = sc.Name,
        ["seed"] = sc.Seed,
        ["preset"] = sc.Preset,
        ["consensus"] = sc.Consensus.ConfigName(),
        ["slots"] = slots,
        ["epochs"] = epochs,
        ["virtualSeconds"] = virtualSeconds,
        ["wallSeconds"] = wallSeconds,
        ["slotsPerSecond"] = slotsPerSecond,
        ["nodes"] = nodes,
        ["validators"] = validators,
        ["slashings"] = slashings,
        ["pow"] = pow,
        ["faults"] = faults,
        ["expectations"] = expectations,
        ["forensics"] = forensics,
        ["resultHash"] = ResultHash(nodes, validators),
        ["toolVersion"] = ToolVersion,
        ["schemaVersion"] = SchemaVersion,
    };

    /// <summary>Hex SHA-256 of the canonical JSON of <c>{"nodes":…,"validators":…}</c>.</summary>
    public static string ResultHash(IReadOnlyList<JsonMap> nodes, IReadOnlyList<JsonMap> validators) =>
        Json.CanonicalHash(new JsonMap { ["nodes"] = nodes, ["validators"] = validators });

    /// <summary>Writes <paramref name="summary"/> indented to <c>summary.json</c> in <paramref name="outDir"/>, with a final line end.</summary>
    public static void Write(string outDir, JsonMap summary) =>
        File.WriteAllText(Path.Combine(outDir, "summary.json"), Json.WritePretty(summary) + "\n");
}
