using System.Collections.Immutable;
using ActorChain.Simulation.Outputs;

namespace ActorChain.Simulation.Running;

/// <summary>
/// The outcome of a <c>simulate</c> run: the exit code (0 every expectation held, 1 one failed), the summary.json
/// content, the failures (<c>expect: detail</c>), and the run-to-run figures that never go into summary.json.
/// </summary>
public sealed record SimulationResult(int ExitCode, JsonMap Summary, ImmutableArray<string> Failures, double VirtualSeconds,
    double WallSeconds, long AttestationsProcessed, ulong Slots);
