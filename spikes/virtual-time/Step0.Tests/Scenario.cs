using Akka.Actor;
using Step0.Time;

namespace Step0.Tests;

/// <summary>Everything the scenario's actors write; only the conductor thread should ever write here.</summary>
public sealed class Trace
{
    readonly List<string> _lines = new();
    readonly HashSet<int> _threads = new();
    public void Add(TimeSpan virtualElapsed, string actor, string message)
    {
        lock (_lines)
        {
            _lines.Add($"{(long)virtualElapsed.TotalMilliseconds,9} {actor,-5} {message}");
            _threads.Add(Environment.CurrentManagedThreadId);
        }
    }
    public IReadOnlyList<string> Lines { get { lock (_lines) return _lines.ToArray(); } }
    public IReadOnlyCollection<int> Threads { get { lock (_lines) return _threads.ToArray(); } }
}

public sealed record Init(IActorRef Peer);
public sealed record Tick(int Interval);
public sealed record Once(int N);
public sealed record Ping(string From, int Seq, int Hops);
public sealed record Pong(string From, int Seq, int Hops);

/// <summary>
/// One of two peers. A periodic timer (IWithTimers) and a single timer drive it; on each it sends the peer a Ping
/// through Context.System.Scheduler.ScheduleTellOnce with a random delay in 50 ms steps (so due times collide),
/// and Pings/Pongs bounce a few hops with immediate Tells or more scheduled ones.
/// </summary>
public sealed class PeerActor : ReceiveActor, IWithTimers
{
    public ITimerScheduler Timers { get; set; } = null!;

    readonly string _name;
    readonly SplitMix64 _rng;
    readonly Trace _trace;
    readonly DateTimeOffset _epoch;
    IActorRef _peer = ActorRefs.Nobody;
    int _seq, _ticks, _interval;

    public PeerActor(string name, ulong seed, Trace trace, int intervalMs, DateTimeOffset epoch)
    {
        _name = name;
        _rng = SplitMix64.For(seed, name);
        _trace = trace;
        _interval = intervalMs;
        _epoch = epoch;

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
            SendPingLater();
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
                case 1: Context.System.Scheduler.ScheduleTellOnce(Delay(), _peer, new Ping(_name, m.Seq, m.Hops + 1), Self); break;
            }
        });
        Receive<Pong>(m =>
        {
            Log($"pong {m.From}#{m.Seq} h{m.Hops}");
            if (m.Hops < 3 && _rng.Next(2) == 0)
                Context.System.Scheduler.ScheduleTellOnce(Delay(), Sender, new Ping(_name, m.Seq, m.Hops + 1), Self);
        });
    }

    TimeSpan Delay() => TimeSpan.FromMilliseconds(50 * _rng.Next(5));   // 0..200 ms, in 50 ms steps

    void SendPingLater() => Context.System.Scheduler.ScheduleTellOnce(Delay(), _peer, new Ping(_name, ++_seq, 0), Self);

    void Log(string what) => _trace.Add(Context.System.Scheduler.Now - _epoch, _name, what);
}

public static class Scenario
{
    public sealed record Result(IReadOnlyList<string> Trace, IReadOnlyCollection<int> Threads, TimeSpan Virtual, TimeSpan Wall,
        IReadOnlyList<string> Violations, long MailboxRuns, long TimersFired, bool IdleAtEnd, bool Terminated, int ConductorThread, TimeSpan RunWall, TimeSpan ShutdownWall);

    public static Result Run(ulong seed, TimeSpan duration)
    {
        var sw = System.Diagnostics.Stopwatch.StartNew();
        var system = ActorSystem.Create("sim", SimConfig.Config());
        var conductor = new Conductor(system);
        var epoch = conductor.Scheduler.Epoch;
        var trace = new Trace();
        var alice = conductor.ActorOf(Props.Create(() => new PeerActor("alice", seed, trace, 100, epoch)), "alice");
        var bob = conductor.ActorOf(Props.Create(() => new PeerActor("bob", seed, trace, 250, epoch)), "bob");
        alice.Tell(new Init(bob));
        bob.Tell(new Init(alice));
        var runStart = sw.Elapsed;
        conductor.RunUntil(duration);
        var runWall = sw.Elapsed - runStart;
        var idle = conductor.IsIdle;
        var elapsed = conductor.Elapsed;
        var lines = trace.Lines;                          // snapshot before shutdown
        var threads = trace.Threads;
        var violations = conductor.Violations;
        var runs = conductor.Queue.Ran;
        var fired = conductor.Scheduler.TimersFired;
        alice.Tell(PoisonPill.Instance);               // system.Stop of a top-level actor goes through the guardian (pool)
        bob.Tell(PoisonPill.Instance);
        conductor.Drain();
        var shutStart = sw.Elapsed;
        var terminated = conductor.Shutdown(TimeSpan.FromSeconds(10));
        var shutWall = sw.Elapsed - shutStart;
        sw.Stop();
        return new Result(lines, threads, elapsed, sw.Elapsed, violations, runs, fired, idle, terminated, conductor.Queue.OwnerThread, runWall, shutWall);
    }
}
