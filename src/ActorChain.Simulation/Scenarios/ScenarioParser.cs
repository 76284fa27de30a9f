namespace ActorChain.Simulation.Scenarios;

/// <summary>
/// Reads a scenario file (SIMULATION.md, docs/scenarios.md) and collects every problem it finds, one line each with its
/// key path and what is allowed, instead of stopping at the first.
/// </summary>
public sealed partial class ScenarioParser
{
    /// <summary>Parses the scenario file at <paramref name="path"/>; a <see cref="ScenarioException"/> lists every problem.</summary>
    public static Scenario ParseFile(string path) => throw new NotImplementedException(path);

    /// <summary>Parses scenario <paramref name="text"/>; <paramref name="source"/> (e.g. the file name) prefixes a syntax error.</summary>
    public static Scenario Parse(string text, string source) => throw new NotImplementedException(text + source);

    /// <summary>The value of <c>--seed</c>: a whole number in [0, 2^64 − 1]; otherwise a one-line <see cref="ScenarioException"/>.</summary>
    public static ulong ParseSeed(string text) => throw new NotImplementedException(text);
}
