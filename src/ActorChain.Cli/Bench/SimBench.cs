using System.Collections.Immutable;
using System.Globalization;
using ActorChain.Node.Configuration;
using ActorChain.Simulation.Running;
using ActorChain.Simulation.Scenarios;

namespace ActorChain.Cli.Bench;

/// <summary>
/// <c>actorchain bench sim</c>: the virtual-time speed of a PoW simulation (Java BenchCommand sim): N nodes, M miners of
/// 1000 H/s spread round-robin, 100 ± 50 ms links, up to a height; the median over the runs.
/// </summary>
public static class SimBench
{
    /// <summary>Runs the benchmark <paramref name="runs"/> times, prints each run and the medians; returns 0.</summary>
    public static int Run(int runs, int nodes, int miners, ulong height, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var sc = Scenario(nodes, miners, height);
        var dir = Directory.CreateTempSubdirectory("actorchain-bench-");
        try
        {
            var speeds = new List<double>();
            var walls = new List<double>();
            var virtualSeconds = 0.0;
            for (var r = 0; r < runs; r++)
            {
                var res = Simulations.Run(sc, dir.FullName, null, trace: false);
                speeds.Add(res.VirtualSeconds / Math.Max(0.001, res.WallSeconds));
                walls.Add(res.WallSeconds);
                virtualSeconds = res.VirtualSeconds;
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"run {r + 1}: {res.VirtualSeconds:0} virtual s in {res.WallSeconds:0.00} wall s ({speeds[^1]:0}x)"));
            }

            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"PoW simulate, {nodes} nodes, {miners} miners, {height} blocks, 100±50 ms links: median {BenchStats.Median(walls):0.00} wall s " +
                $"for {virtualSeconds:0} virtual s, {BenchStats.Median(speeds):0}x faster than real time (target >= 1000x)"));
            return 0;
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    /// <summary>The benchmark's scenario: <c>bench-pow-N</c>, seed 1, full mesh, simulated miners of 1000 H/s.</summary>
    public static Scenario Scenario(int nodes, int miners, ulong height) => new(
        "bench-pow-" + nodes.ToString(CultureInfo.InvariantCulture), 1, "minimal", ConsensusKind.Pow, null, new Stop(StopKind.Height, height),
        new NetworkSpec(nodes, NetworkSpec.FullMesh, 4, new LinkSettings(100, 50, 0.0)),
        [.. Enumerable.Range(0, miners).Select(m => new Miner(m % nodes, 1000))], [], ImmutableSortedDictionary<string, string>.Empty, [], []);
}
