using System.Collections.Immutable;

namespace ActorChain.Simulation.Scenarios;

/// <summary>A bad scenario (exit 2): one line per problem, each naming the key path and what is allowed.</summary>
public sealed class ScenarioException(IReadOnlyList<string> problems) : Exception(string.Join("\n", problems))
{
    /// <summary>Every problem found, one line each, in the order the file gives them.</summary>
    public ImmutableArray<string> Problems { get; } = [.. problems];
}
