using ActorChain.Node.Time;
using Akka.Actor;

namespace ActorChain.Node.Tests.Time;

/// <summary>Everything the scenario's actors write; only the conductor thread should ever write here.</summary>
public sealed class Trace
{
    private readonly List<string> _lines = [];
    private readonly HashSet<int> _threads = [];

    /// <summary>Adds a line at <paramref name="virtualElapsed"/>.</summary>
    public void Add(TimeSpan virtualElapsed, string actor, string message)
    {
        lock (_lines)
        {
            _lines.Add($"{(long)virtualElapsed.TotalMilliseconds,9} {actor,-5} {message}");
            _threads.Add(Environment.CurrentManagedThreadId);
        }
    }

    /// <summary>The lines so far.</summary>
    public IReadOnlyList<string> Lines
    {
        get
        {
            lock (_lines) return [.. _lines];
        }
    }

    /// <summary>The threads that wrote.</summary>
    public IReadOnlyCollection<int> Threads
    {
        get
        {
            lock (_lines) return [.. _threads];
        }
    }
}

/// <summary>Meet <paramref name="Peer"/>.</summary>
public sealed record Init(IActorRef Peer);

/// <summary>The periodic timer.</summary>
public sealed record Tick(int Interval);

/// <summary>The single timer.</summary>
public sealed record Once(int N);

/// <summary>A ping.</summary>
public sealed record Ping(string From, int Seq, int Hops);

/// <summary>A pong.</summary>
public sealed record Pong(string From, int Seq, int Hops);

/// <summary>
/// One of two peers (the Step 0 spike). A periodic timer and a single timer drive it; on each it sends the peer a Ping
/// through the scheduler with a random delay in 50 ms steps (so due times collide), and Pings/Pongs bounce a few hops
/// with immediate Tells or more scheduled ones.
/// </summary>
public sealed class PeerActor : ReceiveActor, IWithTimers
{
    private readonly string _name;
    private readonly SplitMix64 _rng;
    private readonly Trace _trace;
    private IActorRef _peer = ActorRefs.Nobody;
    private int _seq;
    private int _ticks;
    private int _interval;

    /// <summary>Peer <paramref name="name"/> with its generator from <paramref name="seed"/>.</summary>
    public PeerActor(string name, ulong seed, Trace trace, int intervalMs)
    {
        _name = name;
        _rng = SplitMix64.For(seed, name);
        _trace = trace;
        _interval = intervalMs;

        Receive<Init>(m =>
        {
            _peer = m.Peer;
            Log("init");
            Timers.StartPeriodicTimer("tick", new Tick(_interval), TimeSpan.FromMilliseconds(_interval));
            Timers.StartSingleTimer("once", new Once(0), TimeSpan.FromMilliseconds(100 * (1 + _rng.Next(10))));
        });
        Receive<Tick>(m =>
        {
            _ticks++;
            Log($"tick {m.Interval} #{_ticks}");
            Later(_peer, new Ping(_name, ++_seq, 0));
            if (_ticks % 50 == 0)                      // re-arm the periodic timer: cancels the old one
            {
                _interval = 50 * (2 + _rng.Next(4));
                Timers.StartPeriodicTimer("tick", new Tick(_interval), TimeSpan.FromMilliseconds(_interval));
            }
        });
        Receive<Once>(m =>
        {
            Log($"once {m.N}");
            _peer.Tell(new Ping(_name, ++_seq, 0));     // immediate
            Timers.StartSingleTimer("once", new Once(m.N + 1), TimeSpan.FromMilliseconds(100 * (1 + _rng.Next(10))));
        });
        Receive<Ping>(m =>
        {
            Log($"ping {m.From}#{m.Seq} h{m.Hops}");
            if (m.Hops >= 3) return;
            switch (_rng.Next(3))
            {
                case 0: Sender.Tell(new Pong(_name, m.Seq, m.Hops + 1)); break;
                case 1: Later(_peer, new Ping(_name, m.Seq, m.Hops + 1)); break;
            }
        });
        Receive<Pong>(m =>
        {
            Log($"pong {m.From}#{m.Seq} h{m.Hops}");
            if (m.Hops < 3 && _rng.Next(2) == 0) Later(Sender, new Ping(_name, m.Seq, m.Hops + 1));
        });
    }

    /// <inheritdoc />
    public ITimerScheduler Timers { get; set; } = null!;

    /// <summary>What the spike did with ScheduleTellOnce (banned in actors by AK1004): a scheduled tell through the system scheduler.</summary>
    private void Later(IActorRef to, object message)
    {
        var self = Self;
        ((IScheduler)Context.System.Scheduler).Advanced.ScheduleOnce(TimeSpan.FromMilliseconds(50 * _rng.Next(5)), () => to.Tell(message, self));
    }

    private void Log(string what) => _trace.Add(((VirtualTimeScheduler)Context.System.Scheduler).Elapsed, _name, what);
}

/// <summary>Runs the two peers for a while in virtual time and returns what they wrote.</summary>
public static class Scenario
{
    /// <summary>The outcome of one run.</summary>
    public sealed record Result(IReadOnlyList<string> Trace, IReadOnlyCollection<int> Threads, TimeSpan Virtual,
        IReadOnlyList<string> Violations, bool IdleAtEnd, bool Terminated, int ConductorThread);

    /// <summary>Runs alice and bob for <paramref name="duration"/> with <paramref name="seed"/>.</summary>
    public static Result Run(ulong seed, TimeSpan duration)
    {
        var system = ActorSystem.Create("sim", SimConfig.Config());
        var conductor = new Conductor(system);
        var trace = new Trace();
        var alice = conductor.ActorOf(Props.Create(() => new PeerActor("alice", seed, trace, 100)), "alice");
        var bob = conductor.ActorOf(Props.Create(() => new PeerActor("bob", seed, trace, 250)), "bob");
        alice.Tell(new Init(bob));
        bob.Tell(new Init(alice));
        conductor.RunUntil(duration);
        var idle = conductor.IsIdle;
        var elapsed = conductor.Elapsed;
        var lines = trace.Lines;
        var threads = trace.Threads;
        var violations = conductor.Violations;
        alice.Tell(PoisonPill.Instance);
        bob.Tell(PoisonPill.Instance);
        conductor.Drain();
        var terminated = conductor.Shutdown(TimeSpan.FromSeconds(10));
        return new Result(lines, threads, elapsed, violations, idle, terminated, conductor.Queue.OwnerThread);
    }
}
