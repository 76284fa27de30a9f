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
/// Time moves only when the conductor fires a timer; timers are totally ordered by (due, sequence).
/// </summary>
public sealed class VirtualTimeScheduler : SchedulerBase, IDisposable
{
    public const string EpochKey = "actorchain.sim.epoch";

    private readonly object _gate = new();
    private readonly PriorityQueue<Timer, (long Due, long Seq)> _timers = new();
    private readonly DateTimeOffset _epoch;
    private long _now;          // virtual ticks since epoch
    private long _seq;
    private long _fired;

    public VirtualTimeScheduler(Config config, ILoggingAdapter log) : base(config, log)
    {
        var epoch = config.GetString(EpochKey, "1970-01-01T00:00:00Z");
        _epoch = DateTimeOffset.Parse(epoch, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
        RunQueue = new RunQueue();
    }

    /// <summary>The single queue of runnable mailboxes, shared with <see cref="SimExecutor"/> and the conductor.</summary>
    public RunQueue RunQueue { get; }

    public DateTimeOffset Epoch => _epoch;
    /// <summary>SchedulerBase implements ITimeProvider.Now explicitly; this exposes it on the class.</summary>
    public DateTimeOffset Now => TimeNow;
    public TimeSpan Elapsed => TimeSpan.FromTicks(Volatile.Read(ref _now));
    public long TimersFired => Interlocked.Read(ref _fired);
    public int PendingTimers { get { lock (_gate) return _timers.Count; } }

    protected override DateTimeOffset TimeNow => _epoch.AddTicks(Volatile.Read(ref _now));
    public override TimeSpan MonotonicClock => TimeSpan.FromTicks(Volatile.Read(ref _now));
    public override TimeSpan HighResMonotonicClock => MonotonicClock;

    /// <summary>Due time of the next live timer, or null when none is pending.</summary>
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

    protected override void InternalScheduleTellOnce(TimeSpan delay, ICanTell receiver, object message, IActorRef sender, ICancelable cancelable)
        => Add(delay, TimeSpan.Zero, new Timer(() => receiver.Tell(message, sender), TimeSpan.Zero, cancelable));

    protected override void InternalScheduleTellRepeatedly(TimeSpan initialDelay, TimeSpan interval, ICanTell receiver, object message, IActorRef sender, ICancelable cancelable)
        => Add(initialDelay, interval, new Timer(() => receiver.Tell(message, sender), interval, cancelable));

    protected override void InternalScheduleOnce(TimeSpan delay, Action action, ICancelable cancelable)
        => Add(delay, TimeSpan.Zero, new Timer(action, TimeSpan.Zero, cancelable));

    protected override void InternalScheduleOnce(TimeSpan delay, IRunnable action, ICancelable cancelable)
        => Add(delay, TimeSpan.Zero, new Timer(action.Run, TimeSpan.Zero, cancelable));

    protected override void InternalScheduleRepeatedly(TimeSpan initialDelay, TimeSpan interval, Action action, ICancelable cancelable)
        => Add(initialDelay, interval, new Timer(action, interval, cancelable));

    protected override void InternalScheduleRepeatedly(TimeSpan initialDelay, TimeSpan interval, IRunnable action, ICancelable cancelable)
        => Add(initialDelay, interval, new Timer(action.Run, interval, cancelable));

    private void Add(TimeSpan delay, TimeSpan interval, Timer timer)
    {
        RunQueue.CheckThread("timer scheduled");
        lock (_gate)
        {
            var due = _now + Math.Max(0L, delay.Ticks);
            _timers.Enqueue(timer, (due, _seq++));
        }
    }

    /// <summary>
    /// Fires exactly one live timer whose due time is at most <paramref name="horizon"/> (ticks since epoch),
    /// moving virtual time to its due time first. Returns false when no such timer exists.
    /// Must be called by the conductor only when the run queue is empty.
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
        t.Action();
        return true;
    }

    /// <summary>Moves virtual time forward to <paramref name="ticks"/> without firing anything (never backwards).</summary>
    internal void AdvanceClockTo(long ticks)
    {
        lock (_gate) if (ticks > _now) _now = ticks;
    }

    public void Dispose() { lock (_gate) _timers.Clear(); }

    private sealed class Timer(Action action, TimeSpan interval, ICancelable? cancelable)
    {
        public Action Action { get; } = action;
        public TimeSpan Interval { get; } = interval;
        public bool IsCancelled => cancelable?.IsCancellationRequested == true;
    }
}
