using ActorChain.Node.Time;

namespace ActorChain.Simulation.Running;

/// <summary>Runs a conductor up to a virtual time, or until a condition holds at a quiescent point.</summary>
public static class VirtualRun
{
    /// <summary>
    /// Runs everything due up to <paramref name="endMillis"/> (virtual ms since time 0), checking <paramref name="stop"/>
    /// whenever the system is idle and the clock is about to move (once at the start too); returns true when it held,
    /// leaving the clock where it was, else sets the clock to <paramref name="endMillis"/> and returns false.
    /// </summary>
    public static bool RunUntil(Conductor conductor, long endMillis, Func<bool> stop)
    {
        var horizon = TimeSpan.FromMilliseconds(endMillis).Ticks;
        while (true)
        {
            conductor.Drain();
            var next = conductor.Scheduler.NextDue;
            if ((next is null || next.Value > conductor.Elapsed) && stop()) return true;
            if (!conductor.Scheduler.FireNext(horizon)) break;
        }

        conductor.Scheduler.AdvanceClockTo(horizon);
        return false;
    }

    /// <summary>Schedules <paramref name="action"/> on the conductor's thread at virtual ms <paramref name="atMillis"/> (now if past).</summary>
    public static void At(Conductor conductor, long atMillis, Action action)
    {
        var delay = Math.Max(0, atMillis - (long)conductor.Elapsed.TotalMilliseconds);
        ((Akka.Actor.IScheduler)conductor.Scheduler).Advanced.ScheduleOnce(TimeSpan.FromMilliseconds(delay), action);
    }
}
