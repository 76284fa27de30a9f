using ActorChain.Node.Time;
using Akka.Actor;

namespace ActorChain.Node.Tests.Time;

/// <summary>One thing an actor saw: the virtual ms, the actor and the message.</summary>
public sealed record TraceEvent(long At, string Actor, string Message);

/// <summary>Records every string with the virtual time it arrived; on start, starts the given single timers (key = message).</summary>
public sealed class Recorder : ReceiveActor, IWithTimers
{
    private readonly (string Message, int DelayMillis)[] _timers;

    /// <summary>Records into <paramref name="trace"/> as <paramref name="name"/>.</summary>
    public Recorder(string name, List<TraceEvent> trace, params (string Message, int DelayMillis)[] timers)
    {
        _timers = timers;
        var clock = SchedulerClock.Of(Context.System);
        Receive<string>(m => m == "cancel-x", _ => Timers.Cancel("x"));
        Receive<string>(m => trace.Add(new TraceEvent(clock.NowMillis, name, m)));
    }

    /// <inheritdoc />
    public ITimerScheduler Timers { get; set; } = null!;

    /// <inheritdoc />
    protected override void PreStart()
    {
        foreach (var (message, delay) in _timers)
            Timers.StartSingleTimer(message, message, TimeSpan.FromMilliseconds(delay));
    }
}

/// <summary>A chain of single timers, each started when the previous one's message arrives.</summary>
public sealed class TimerChain : ReceiveActor, IWithTimers
{
    private readonly TimeSpan _step;

    /// <summary>Counts links in <paramref name="links"/>[0] and records them.</summary>
    public TimerChain(int[] links, TimeSpan step, List<TraceEvent> trace)
    {
        _step = step;
        var clock = SchedulerClock.Of(Context.System);
        Receive<string>(m =>
        {
            trace.Add(new TraceEvent(clock.NowMillis, "chain", m));
            links[0]++;
            Timers.StartSingleTimer("link", "link", _step);
        });
    }

    /// <inheritdoc />
    public ITimerScheduler Timers { get; set; } = null!;

    /// <inheritdoc />
    protected override void PreStart() => Timers.StartSingleTimer("link", "link", _step);
}

/// <summary>Ticks every 10 ms on a periodic timer, counting in <c>ticks[0]</c>.</summary>
public sealed class Ticker : ReceiveActor, IWithTimers
{
    /// <summary>Counts into <paramref name="ticks"/>[0].</summary>
    public Ticker(int[] ticks) => Receive<string>(_ => ticks[0]++);

    /// <inheritdoc />
    public ITimerScheduler Timers { get; set; } = null!;

    /// <inheritdoc />
    protected override void PreStart() => Timers.StartPeriodicTimer("tick", "tick", TimeSpan.FromMilliseconds(10));
}

/// <summary>A ball between two players.</summary>
public sealed record Ball(int Remaining);

/// <summary>Rallies a ball with its own child "pong"; a timer due 1 ms after the serve checks that time waits for the rally.</summary>
public sealed class PingPong : ReceiveActor, IWithTimers
{
    /// <summary>Serves <paramref name="hits"/> at 100 ms.</summary>
    public PingPong(int hits, List<TraceEvent> trace)
    {
        var clock = SchedulerClock.Of(Context.System);
        var pong = Context.ActorOf(Props.Create(() => new Player("pong", trace)), "pong");
        Receive<string>(m => m == "serve", _ =>
        {
            Timers.StartSingleTimer("late", "late-timer", TimeSpan.FromMilliseconds(1));
            pong.Tell(new Ball(hits - 1));
        });
        Receive<string>(m => trace.Add(new TraceEvent(clock.NowMillis, "ping", m)));
        Receive<Ball>(b => Player.Hit("ping", clock, trace, b, Sender, Self));
    }

    /// <inheritdoc />
    public ITimerScheduler Timers { get; set; } = null!;

    /// <inheritdoc />
    protected override void PreStart() => Timers.StartSingleTimer("serve", "serve", TimeSpan.FromMilliseconds(100));

    /// <summary>The other player.</summary>
    private sealed class Player : ReceiveActor
    {
        public Player(string name, List<TraceEvent> trace)
        {
            var clock = SchedulerClock.Of(Context.System);
            Receive<Ball>(b => Hit(name, clock, trace, b, Sender, Self));
        }

        public static void Hit(string name, IClock clock, List<TraceEvent> trace, Ball ball, IActorRef other, IActorRef self)
        {
            trace.Add(new TraceEvent(clock.NowMillis, name, "ball-" + ball.Remaining));
            if (ball.Remaining > 0) other.Tell(new Ball(ball.Remaining - 1), self);
        }
    }
}
