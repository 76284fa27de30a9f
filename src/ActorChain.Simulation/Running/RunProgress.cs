namespace ActorChain.Simulation.Running;

/// <summary>
/// One progress report of a run, for the progress bar: <paramref name="Unit"/> (<c>slot</c> or <c>height</c>) done out of
/// <paramref name="Total"/>, node 0's head (short hex) and finalized epoch (PoS), virtual seconds, and speed in units per
/// wall second; <paramref name="Epoch"/> is the slot's epoch (PoS). <paramref name="Last"/> marks the final report.
/// </summary>
public sealed record RunProgress(string Unit, ulong Done, ulong Total, ulong? Epoch, string? Head, ulong? Finalized,
    double VirtualSeconds, double PerWallSecond, bool Last);

/// <summary>Where a run reports its progress (the CLI draws a bar on stderr); called on the run's thread.</summary>
public interface IRunProgress
{
    /// <summary>Takes one report; reports come at most every 200 wall ms, and once with <c>Last</c> at the end.</summary>
    void Report(RunProgress progress);
}
