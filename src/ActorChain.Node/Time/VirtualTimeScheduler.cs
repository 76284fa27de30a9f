using System.Globalization;
using Akka.Actor;
using Akka.Configuration;
using Akka.Dispatch;
using Akka.Event;

namespace ActorChain.Node.Time;

/// <summary>
/// A virtual-time <see cref="IScheduler"/> named in <c>akka.scheduler.implementation</c>.
/// Akka 1.5.75 builds it in <c>ActorSystemImpl.ConfigureScheduler()</c> with
/// <c>Activator.CreateInstance(type, settings.Config, Log)</c>: a public (Config, ILoggingAdapter) ctor.
/// Time moves only when the conductor fires a timer; timers are totally ordered by (due, sequence), so timers due at
/// the same instant fire in the order they were scheduled. Repeating timers run at a fixed rate from their due time.
/// </summary>
public sealed class VirtualTimeScheduler : SchedulerBase, IDisposable
{
    /// <summary>The configuration key of the instant virtual time starts at (ISO 8601, UTC when no offset is given).</summary>
    public const string EpochKey = "actorchain.sim.epoch";

    private const int MinCompaction = 1024;

    private readonly object _gate = new();
    private readonly PriorityQueue<Timer, (long Due, long Seq)> _timers = new();
    private readonly DateTimeOffset _epoch;
    private long _now;          // virtual ticks since epoch
    private long _seq;
    private long _fired;
    private long _failed;
    private int _compactAt = MinCompaction;

    /// <summary>Builds the scheduler from the actor system's configuration (the shape Akka requires).</summary>
    public VirtualTimeScheduler(Config config, ILoggingAdapter log) : base(config, log)
    {
        var epoch = config.GetString(EpochKey, "1970-01-01T00:00:00Z");
        _epoch = DateTimeOffset.Parse(epoch, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
        RunQueue = new RunQueue();
    }

    /// <summary>The single queue of runnable mailboxes, shared with <see cref="SimExecutor"/> and the conductor.</summary>
    public RunQueue RunQueue { get; }

    /// <summary>The instant virtual time started at.</summary>
    public DateTimeOffset Epoch => _epoch;

    /// <summary>SchedulerBase implements ITimeProvider.Now explicitly; this exposes it on the class.</summary>
    public DateTimeOffset Now => TimeNow;

    /// <summary>Virtual time since <see cref="Epoch"/>.</summary>
    public TimeSpan Elapsed => TimeSpan.FromTicks(Volatile.Read(ref _now));

    /// <summary>How many timers have fired so far.</summary>
    public long TimersFired => Interlocked.Read(ref _fired);

    /// <summary>How many fired timers threw (each is logged; a repeating one stops).</summary>
    public long TimersFailed => Interlocked.Read(ref _failed);

    /// <summary>How many timers are scheduled and not cancelled.</summary>
    public int PendingTimers
    {
        get
        {
            lock (_gate)
            {
                var live = 0;
                foreach (var (t, _) in _timers.UnorderedItems)
                {
                    if (!t.IsCancelled) live++;
                }

                return live;
            }
        }
    }

    /// <inheritdoc />
    protected override DateTimeOffset TimeNow => _epoch.AddTicks(Volatile.Read(ref _now));

    /// <inheritdoc />
    public override TimeSpan MonotonicClock => TimeSpan.FromTicks(Volatile.Read(ref _now));

    /// <inheritdoc />
    public override TimeSpan HighResMonotonicClock => MonotonicClock;

    /// <summary>Due time of the next live timer (since the epoch), or null when none is pending.</summary>
    public TimeSpan? NextDue
    {
        get
        {
            lock (_gate)
            {
                while (_timers.TryPeek(out var t, out var p))
                {
                    if (!t.IsCancelled) return TimeSpan.FromTicks(p.Due);
                    _timers.Dequeue();
                }

                return null;
            }
        }
    }

    /// <inheritdoc />
    protected override void InternalScheduleTellOnce(TimeSpan delay, ICanTell receiver, object message, IActorRef sender, ICancelable cancelable)
        => Add(delay, new Timer(() => receiver.Tell(message, sender), TimeSpan.Zero, cancelable));

    /// <inheritdoc />
    protected override void InternalScheduleTellRepeatedly(TimeSpan initialDelay, TimeSpan interval, ICanTell receiver, object message, IActorRef sender, ICancelable cancelable)
        => Add(initialDelay, new Timer(() => receiver.Tell(message, sender), interval, cancelable));

    /// <inheritdoc />
    protected override void InternalScheduleOnce(TimeSpan delay, Action action, ICancelable cancelable)
        => Add(delay, new Timer(action, TimeSpan.Zero, cancelable));

    /// <inheritdoc />
    protected override void InternalScheduleOnce(TimeSpan delay, IRunnable action, ICancelable cancelable)
        => Add(delay, new Timer(action.Run, TimeSpan.Zero, cancelable));

    /// <inheritdoc />
    protected override void InternalScheduleRepeatedly(TimeSpan initialDelay, TimeSpan interval, Action action, ICancelable cancelable)
        => Add(initialDelay, new Timer(action, interval, cancelable));

    /// <inheritdoc />
    protected override void InternalScheduleRepeatedly(TimeSpan initialDelay, TimeSpan interval, IRunnable action, ICancelable cancelable)
        => Add(initialDelay, new Timer(action.Run, interval, cancelable));

    private void Add(TimeSpan delay, Timer timer)
    {
        RunQueue.CheckThread("timer scheduled");
        lock (_gate)
        {
            var due = _now + Math.Max(0L, delay.Ticks);
            _timers.Enqueue(timer, (due, _seq++));
            if (_timers.Count >= _compactAt) Compact();
        }
    }

    /// <summary>
    /// Drops cancelled timers once the queue has doubled since the last look (timers cancelled by restarts of an actor's
    /// timer keys would otherwise stay until their due time). The order of the rest is unchanged: it is their (due, seq).
    /// </summary>
    private void Compact()
    {
        var live = new List<(Timer, (long, long))>(_timers.Count);
        foreach (var item in _timers.UnorderedItems)
        {
            if (!item.Element.IsCancelled) live.Add(item);
        }

        _timers.Clear();
        _timers.EnqueueRange(live);
        _compactAt = Math.Max(MinCompaction, 2 * _timers.Count);
    }

    /// <summary>
    /// Fires exactly one live timer whose due time is at most <paramref name="horizon"/> (ticks since epoch),
    /// moving virtual time to its due time first. Returns false when no such timer exists.
    /// Must be called by the conductor only when the run queue is empty. A timer that throws is logged and counted
    /// (a repeating one stops), and time goes on, as with Akka's own scheduler.
    /// </summary>
    internal bool FireNext(long horizon)
    {
        Timer t;
        lock (_gate)
        {
            while (true)
            {
                if (!_timers.TryPeek(out t!, out var p) || p.Due > horizon) return false;
                _timers.Dequeue();
                if (t.IsCancelled) continue;
                if (p.Due > _now) _now = p.Due;
                if (t.Interval > TimeSpan.Zero)                       // fixed rate from the due time
                    _timers.Enqueue(t, (p.Due + t.Interval.Ticks, _seq++));
                break;
            }
        }

        Interlocked.Increment(ref _fired);
        try
        {
            t.Action();
        }
#pragma warning disable CA1031 // a scheduled task's failure must not stop time, as with Akka's own scheduler
        catch (Exception e)
#pragma warning restore CA1031
        {
            t.Kill();
            Interlocked.Increment(ref _failed);
            Log.Error(e, "a scheduled task threw at virtual {0}", Elapsed);
        }

        return true;
    }

    /// <summary>Moves virtual time forward to <paramref name="ticks"/> without firing anything (never backwards).</summary>
    internal void AdvanceClockTo(long ticks)
    {
        lock (_gate)
        {
            if (ticks > _now) _now = ticks;
        }
    }

    /// <summary>Forgets every pending timer.</summary>
    public void Dispose()
    {
        lock (_gate) _timers.Clear();
    }

    private sealed class Timer(Action action, TimeSpan interval, ICancelable? cancelable)
    {
        private bool _dead;

        public Action Action { get; } = action;

        public TimeSpan Interval { get; } = interval;

        public bool IsCancelled => _dead || cancelable?.IsCancellationRequested == true;

        public void Kill() => _dead = true;
    }
}
