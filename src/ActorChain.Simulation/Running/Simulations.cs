using ActorChain.Node.Configuration;
using ActorChain.Simulation.Scenarios;

namespace ActorChain.Simulation.Running;

/// <summary>The entry point of <c>simulate</c>: runs a parsed scenario with the runner of its consensus.</summary>
public static class Simulations
{
    /// <summary>Runs <paramref name="sc"/> on the chain defaults (<see cref="ChainSettings.Defaults"/>) and writes its outputs to <paramref name="outDir"/>.</summary>
    public static SimulationResult Run(Scenario sc, string outDir, IRunProgress? progress, bool trace) =>
        Run(sc, ChainSettings.Defaults, outDir, progress, trace);

    /// <summary>Runs <paramref name="sc"/> on <paramref name="base"/>'s chain defaults and writes its outputs to <paramref name="outDir"/>.</summary>
    public static SimulationResult Run(Scenario sc, ChainSettings @base, string outDir, IRunProgress? progress, bool trace) =>
        sc.Consensus == ConsensusKind.Pow
            ? PowSimulation.Run(sc, @base, outDir, progress)
            : PosSimulation.Run(sc, @base, outDir, progress, trace);
}
