using ActorChain.Node;
using ActorChain.Node.Consensus;
using ActorChain.Node.Time;
using ActorChain.Simulation.Outputs;
using ActorChain.Simulation.Running;
using ActorChain.Simulation.Scenarios;
using Akka.Actor;
using Akka.Configuration;

namespace ActorChain.Simulation.Live;

/// <summary>
/// An embedded network in real time (<c>run</c>): an actor system on Akka's default scheduler, whose clock is the wall
/// clock (<see cref="SchedulerClock"/>); the genesis timestamp is the start time, so PoS slots are SECONDS_PER_SLOT
/// long in real seconds. Real miners run on <see cref="ConsensusSupervisor.MiningDispatcher"/>. The run's
/// <see cref="LiveMonitor"/> publishes snapshots on <see cref="Board"/>; whoever shows them owns the console.
/// </summary>
public sealed class LiveRun : IDisposable
{
    private readonly ActorSystem _system;
    private readonly IActorRef _monitor;
    private readonly IActorRef _network;
    private bool _stopped;

    private LiveRun(ActorSystem system, IActorRef network, IActorRef monitor, LiveBoard board, LivePlan plan)
    {
        _system = system;
        _network = network;
        _monitor = monitor;
        Board = board;
        Plan = plan;
    }

    /// <summary>The latest snapshot, replaced a few times a second.</summary>
    public LiveBoard Board { get; }

    /// <summary>The plan as started: its genesis timestamp is the start time.</summary>
    public LivePlan Plan { get; }

    /// <summary>The actor system config of a live run: default scheduler, the mining dispatcher, Akka's log to <paramref name="log"/>.</summary>
    public static Config SystemConfig(LiveLog log)
    {
        ArgumentNullException.ThrowIfNull(log);
        return ConfigurationFactory.ParseString($$"""
            akka.loglevel = {{log.Level}}
            akka.stdout-loglevel = OFF
            akka.loggers = ["{{typeof(LiveLog.Logger).AssemblyQualifiedName}}"]
            akka.log-dead-letters = off
            akka.log-dead-letters-during-shutdown = off
            akka.coordinated-shutdown.run-by-clr-shutdown-hook = off
            {{ConsensusSupervisor.MiningDispatcherHocon}}
            """);
    }

    /// <summary>The run's actor system.</summary>
    public ActorSystem System => _system;

    /// <summary>The run's <see cref="EmbeddedNetwork"/>: its nodes (<see cref="EmbeddedNetwork.GetNodes"/>) and its faults.</summary>
    public IActorRef Network => _network;

    /// <summary>
    /// Starts <paramref name="plan"/> now: genesis at the current time, nodes linked, PoS started (consensus = pos), faults
    /// scheduled; every node's events go to <paramref name="sinks"/> too (the HTTP API's feed), on the event log's thread.
    /// </summary>
    public static LiveRun Start(LivePlan plan, LiveLog log, IEnumerable<IEventSink>? sinks = null)
    {
        ArgumentNullException.ThrowIfNull(plan);
        plan.Settings.DeriveGenesisKeys(); // keys do not depend on the genesis time
        LiveLog.Logger.Current = log;
        var system = ActorSystem.Create("actorchain", SystemConfig(log));
        var clock = SchedulerClock.Of(system);
        var start = clock.NowMillis;
        var started = plan with { Settings = plan.Settings with { GenesisTimestamp = (ulong)start } };
        var events = new LiveEvents(start);
        var board = new LiveBoard(LiveSnapshot.Empty(started.Info()));
        var forensics = new ForensicsWatch();
        var logActor = system.ActorOf(EventLog.Create([events, forensics, .. sinks ?? []]), "events");
        forensics.Emit = e => logActor.Tell(e); // through the log: every sink sees conflicting_finality
        var network = system.ActorOf(EmbeddedNetwork.Create(started.Settings, started.Nodes, clock, logActor, started.Seed), "network");
        try
        {
            var nodes = Started(network);
            if (started.Consensus == ConsensusKind.Pos)
            {
                foreach (var (_, guardian) in nodes) guardian.Tell(NodeGuardian.StartPos.Instance);
            }
        }
        catch (Exception e) when (e is AskTimeoutException or TimeoutException or AggregateException)
        {
            system.Terminate().Wait(TimeSpan.FromSeconds(15));
            throw new InvalidOperationException("the nodes did not start within " + StartTimeout.TotalSeconds + " s", e);
        }

        if (started.TxPerSecond > 0)
            system.ActorOf(TxLoadActor.Create(started.Settings, network, started.TxPerSecond, started.Seed), "tx-load");
        var monitor = system.ActorOf(LiveMonitor.Create(started, network, logActor, events, board, clock, start, forensics), "monitor");
        return new LiveRun(system, network, monitor, board, started);
    }

    /// <summary>How long each node has to show it has started.</summary>
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(20);

    /// <summary>
    /// The nodes, once each one's consensus supervisor and mempool have started: both subscribe to the chain as they
    /// start, so a StartPos told after this reaches the chain behind their subscriptions and they hear the Merged event.
    /// Outside every actor, so waiting here blocks no actor.
    /// </summary>
    private static System.Collections.Immutable.ImmutableSortedDictionary<int, IActorRef> Started(IActorRef network)
    {
        var nodes = network.Ask<EmbeddedNetwork.Nodes>((IActorRef r) => new EmbeddedNetwork.GetNodes(r), StartTimeout, CancellationToken.None).GetAwaiter().GetResult().Guardians;
        foreach (var (_, guardian) in nodes)
        {
            var parts = guardian.Ask<NodeGuardian.Parts>((IActorRef r) => new NodeGuardian.GetParts(r), StartTimeout, CancellationToken.None).GetAwaiter().GetResult();
            parts.Consensus.Ask<ConsensusSupervisor.MinerStats>((IActorRef r) => new ConsensusSupervisor.GetMinerStats(r), StartTimeout, CancellationToken.None).GetAwaiter().GetResult();
            parts.Mempool.Ask<int>((IActorRef r) => new Node.Chain.MempoolActor.GetSize(r), StartTimeout, CancellationToken.None).GetAwaiter().GetResult();
        }

        return nodes;
    }

    /// <summary>Stops every producer, waits (at most 3 s) for a fresh snapshot, and returns it: the summary's.</summary>
    public LiveSnapshot Stop()
    {
        var version = Board.Version;
        _network.Tell(EmbeddedNetwork.StopProducing.Instance);
        _monitor.Tell(LiveMonitor.Refresh.Instance);
        var last = Board.WaitForNewer(version, TimeSpan.FromSeconds(3));
        Shutdown();
        return last;
    }

    /// <inheritdoc />
    public void Dispose() => Shutdown();

    private void Shutdown()
    {
        if (_stopped) return;
        _stopped = true;
        _system.Terminate().Wait(TimeSpan.FromSeconds(15));
        LiveLog.Logger.Current = null; // nothing logs into a closed file after the run
    }
}
