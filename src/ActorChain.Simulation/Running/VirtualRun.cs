using ActorChain.Node.Time;

namespace ActorChain.Simulation.Running;

/// <summary>Virtual-time helpers of a run driven by a <see cref="Conductor"/>.</summary>
public static class VirtualRun
{
    /// <summary>Schedules <paramref name="action"/> on the conductor's thread at virtual ms <paramref name="atMillis"/> (now if past).</summary>
    public static void At(Conductor conductor, long atMillis, Action action)
    {
        var delay = Math.Max(0, atMillis - (long)conductor.Elapsed.TotalMilliseconds);
        ((Akka.Actor.IScheduler)conductor.Scheduler).Advanced.ScheduleOnce(TimeSpan.FromMilliseconds(delay), action);
    }
}
