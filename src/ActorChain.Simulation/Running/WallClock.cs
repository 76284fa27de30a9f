using System.Diagnostics;

namespace ActorChain.Simulation.Running;

/// <summary>
/// The wall clock of a run, read only to report <c>wallSeconds</c>, <c>slotsPerSecond</c> and the progress bar's speed,
/// never for a decision (ARCHITECTURE.md, "Time").
/// </summary>
public sealed class WallClock
{
    private readonly Stopwatch _watch = Stopwatch.StartNew();
    private long _lastDrawnMillis = -1_000;

    /// <summary>Wall seconds since the run started.</summary>
    public double Seconds => _watch.Elapsed.TotalSeconds;

    /// <summary>True when a progress report is due: the last one, or 200 wall ms after the previous one.</summary>
    public bool ShouldDraw(bool last)
    {
        var now = _watch.ElapsedMilliseconds;
        if (!last && now - _lastDrawnMillis < 200) return false;
        _lastDrawnMillis = now;
        return true;
    }
}
