using System.Diagnostics;
using System.Globalization;
using ActorChain.Simulation.Running;

namespace ActorChain.Cli.Commands;

/// <summary>The run-to-run figures of a simulation (never in summary.json): speed, fork-choice attestations, peak memory.</summary>
public static class Performance
{
    /// <summary>
    /// <c>S slots/s, A attestations processed (R per wall second), peak working set W MiB, GC heap H MiB</c>; a PoW run
    /// (no slots) shows its virtual speed instead.
    /// </summary>
    public static string Line(SimulationResult r)
    {
        ArgumentNullException.ThrowIfNull(r);
        var wall = Math.Max(0.001, r.WallSeconds);
        long peak;
        using (var self = Process.GetCurrentProcess()) peak = self.PeakWorkingSet64;
        var heap = GC.GetGCMemoryInfo().HeapSizeBytes;
        var memory = string.Create(CultureInfo.InvariantCulture, $"peak working set {peak >> 20} MiB, GC heap {heap >> 20} MiB");
        return r.Slots == 0
            ? string.Create(CultureInfo.InvariantCulture, $"{r.VirtualSeconds / wall:0} virtual seconds per wall second, {memory}")
            : string.Create(CultureInfo.InvariantCulture,
                $"{r.Slots / wall:0.0} slots/s, {r.AttestationsProcessed} attestations processed by fork choice on all nodes ({r.AttestationsProcessed / wall:0} per wall second), {memory}");
    }
}
