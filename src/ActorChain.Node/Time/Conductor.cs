using Akka.Actor;

namespace ActorChain.Node.Time;

/// <summary>
/// Drives one actor system in virtual time from the thread that created it:
/// drain the run queue (every actor idle) → fire the next due timer → repeat.
/// </summary>
public sealed class Conductor
{
    private const string ExecutorKey = "akka.actor.default-dispatcher.executor";

    private readonly ActorSystem _system;
    private bool _driving;

    /// <summary>
    /// Binds a conductor to <paramref name="system"/> (built with <see cref="SimConfig"/>) and to the calling thread.
    /// A system on real time, or whose default dispatcher does not feed the run queue, is an
    /// <see cref="InvalidOperationException"/> naming the key to set.
    /// </summary>
    public Conductor(ActorSystem system)
    {
        ArgumentNullException.ThrowIfNull(system);
        _system = system;
        Scheduler = system.Scheduler as VirtualTimeScheduler
            ?? throw new InvalidOperationException(
                $"akka.scheduler.implementation must be {typeof(VirtualTimeScheduler).AssemblyQualifiedName}; it is {system.Scheduler.GetType().FullName}");
        var executor = system.Settings.Config.GetString(ExecutorKey, "");
        if (!executor.StartsWith(typeof(SimExecutorConfigurator).FullName!, StringComparison.Ordinal))
        {
            throw new InvalidOperationException(
                $"{ExecutorKey} must be {typeof(SimExecutorConfigurator).AssemblyQualifiedName}; it is {executor}");
        }

        Queue = Scheduler.RunQueue;
        Queue.Attach();
    }

    /// <summary>The system's virtual-time scheduler.</summary>
    public VirtualTimeScheduler Scheduler { get; }

    /// <summary>The queue of runnable mailboxes this conductor drains.</summary>
    public RunQueue Queue { get; }

    /// <summary>True when no mailbox of the virtual-time dispatcher is runnable.</summary>
    public bool IsIdle => Queue.IsEmpty;

    /// <summary>The virtual now.</summary>
    public DateTimeOffset Now => Scheduler.Now;

    /// <summary>Virtual time since the epoch.</summary>
    public TimeSpan Elapsed => Scheduler.Elapsed;

    /// <summary>Work that reached the run queue or the scheduler from another thread while the guard was armed.</summary>
    public IReadOnlyList<string> Violations => Queue.Violations;

    /// <summary>
    /// Creates a top-level actor synchronously, from the conductor thread. <c>ActorSystem.ActorOf</c> does not do
    /// that in Akka 1.5.75: it returns a RepointableActorRef and the user guardian (internal dispatcher, thread
    /// pool) later calls Point(), which enqueues the actor's Create from a pool thread. Calling the public
    /// <c>ActorCell.ActorOf</c> of the user guardian's cell takes the non-async path (a LocalActorRef whose Create is
    /// enqueued here and now), as a child created inside an actor does.
    /// </summary>
    public IActorRef ActorOf(Props props, string name)
    {
        CheckThread();
        return ((ExtendedActorSystem)_system).Provider.Guardian.Cell.ActorOf(props, name);
    }

    /// <summary>Runs runnable mailboxes until none is left, without moving time; returns how many runs were made.</summary>
    public long Drain()
    {
        Enter();
        try
        {
            return DrainQueue();
        }
        finally
        {
            _driving = false;
        }
    }

    /// <summary>
    /// Runs everything due up to <paramref name="elapsed"/> after the epoch (timers due exactly then included), then
    /// sets the clock there. Time never moves backwards: an earlier <paramref name="elapsed"/> is an
    /// <see cref="ArgumentOutOfRangeException"/>.
    /// </summary>
    public void RunUntil(TimeSpan elapsed) => RunUntil(elapsed, static () => false);

    /// <summary>
    /// As <see cref="RunUntil(TimeSpan)"/>, but stops as soon as <paramref name="stopWhen"/> holds, checked whenever every
    /// actor is idle (before the first timer and after each one); then the clock stays where it is. Returns true when
    /// the condition stopped the run, false when the end time did.
    /// </summary>
    public bool RunUntil(TimeSpan elapsed, Func<bool> stopWhen)
    {
        ArgumentNullException.ThrowIfNull(stopWhen);
        Enter();
        try
        {
            if (elapsed < Elapsed)
                throw new ArgumentOutOfRangeException(nameof(elapsed), elapsed, $"virtual time is already at {Elapsed}");
            var horizon = elapsed.Ticks;
            while (true)
            {
                DrainQueue();
                if (stopWhen()) return true;
                if (!Scheduler.FireNext(horizon)) break;
            }

            Scheduler.AdvanceClockTo(horizon);
            return false;
        }
        finally
        {
            _driving = false;
        }
    }

    /// <summary>Runs everything due in the next <paramref name="span"/> of virtual time.</summary>
    public void RunFor(TimeSpan span) => RunUntil(Elapsed + span);

    /// <summary>
    /// Terminates the system. System actors (guardians, CoordinatedShutdown) run on the thread pool, so the
    /// guard is disarmed and the pump waits for their work, in slices of <see cref="ShutdownSlice"/>, for at most
    /// <paramref name="wallTimeout"/> of idle waiting: the one place that blocks, and it reads no clock.
    /// </summary>
    public bool Shutdown(TimeSpan wallTimeout)
    {
        CheckThread();
        DrainQueue();
        Queue.Disarm();
        var done = _system.Terminate();
        var idle = TimeSpan.Zero;
        for (var pass = 0; !done.IsCompleted && idle < wallTimeout && pass < MaxShutdownPasses; pass++)
        {
            if (DrainQueue() > 0) continue;
            if (Queue.WaitForWork(ShutdownSlice)) continue;
            idle += ShutdownSlice;
            Scheduler.FireNext(long.MaxValue);        // e.g. CoordinatedShutdown phase timeouts, dispatcher shutdown
        }

        DrainQueue();
        return done.IsCompleted;
    }

    /// <summary>A bound on the shutdown pump's passes, should a repeating timer keep it busy without ever being idle.</summary>
    private const int MaxShutdownPasses = 100_000;

    /// <summary>How long the shutdown pump waits for system work before it looks again.</summary>
    private static readonly TimeSpan ShutdownSlice = TimeSpan.FromMilliseconds(5);

    private void CheckThread()
    {
        if (Environment.CurrentManagedThreadId != Queue.OwnerThread)
            throw new InvalidOperationException("The conductor must be driven from the thread that created it.");
    }

    /// <summary>Refuses a foreign thread, a handler driving time from inside a run, and a terminated system.</summary>
    private void Enter()
    {
        CheckThread();
        if (_driving) throw new InvalidOperationException("The conductor is already running: an actor cannot drive virtual time.");
        if (_system.WhenTerminated.IsCompleted) throw new InvalidOperationException($"The actor system {_system.Name} has terminated.");
        _driving = true;
    }

    private long DrainQueue()
    {
        long n = 0;
        while (Queue.TryRunOne()) n++;
        return n;
    }
}
