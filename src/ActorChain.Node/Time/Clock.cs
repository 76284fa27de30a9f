using Akka.Actor;

namespace ActorChain.Node.Time;

/// <summary>The one source of "now" for a node's decisions: milliseconds since the Unix epoch (ARCHITECTURE.md, "Time").</summary>
public interface IClock
{
    /// <summary>Now, in milliseconds since 1970-01-01T00:00:00Z.</summary>
    long NowMillis { get; }
}

/// <summary>
/// The clock of an actor system's scheduler: virtual under <see cref="VirtualTimeScheduler"/> (simulate, TestKit), the
/// wall clock under Akka's default scheduler (run, node). Actors never read the wall clock themselves.
/// </summary>
public sealed class SchedulerClock(IScheduler scheduler) : IClock
{
    /// <summary>The clock of <paramref name="system"/>'s scheduler.</summary>
    public static SchedulerClock Of(ActorSystem system) => new(system.Scheduler);

    /// <inheritdoc />
    public long NowMillis => scheduler.Now.ToUnixTimeMilliseconds();
}
