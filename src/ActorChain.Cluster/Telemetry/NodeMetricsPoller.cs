using ActorChain.Cluster.Hosting;
using ActorChain.Node;
using ActorChain.Node.Chain;
using ActorChain.Node.Network;
using Akka.Actor;

namespace ActorChain.Cluster.Telemetry;

/// <summary>
/// Feeds a node's <see cref="NodeMetrics"/> from the node itself, as the live view's monitor does
/// (<c>LiveMonitor</c>): every <see cref="Every"/> it asks the guardian for its <see cref="NodeStatus"/>, once merged
/// the chain for its <see cref="ChainActor.PosStatus"/> (one question in flight), and reads the cluster's members and the
/// process's <see cref="DroppedMessages"/>; it
/// listens to the chain's epoch transitions for the target participation. The guardian is read through a function each
/// tick, so a node restarted in place (a new guardian) is found again and subscribed to anew.
/// </summary>
public sealed class NodeMetricsPoller : ReceiveActor, IWithTimers
{
    private sealed record Tick : INoSerializationVerificationNeeded
    {
        public static Tick Instance { get; } = new();
    }

    /// <summary>How often the node is asked by default.</summary>
    public static readonly TimeSpan Every = TimeSpan.FromSeconds(1);

    /// <summary>Ticks after which an unanswered PoS question is asked again (the node may have crashed).</summary>
    private const int PosAskPatience = 5;

    private readonly NodeMetrics _metrics;
    private readonly Func<IActorRef?> _guardianNow;
    private readonly IClusterView? _cluster;
    private readonly TimeSpan _every;
    private IActorRef? _guardian;
    private IActorRef? _chain;
    private bool _merged;
    private int _posAskedTicksAgo = -1;

    /// <summary>
    /// The props of a poller feeding <paramref name="metrics"/> from the guardian <paramref name="guardian"/> returns
    /// (null: no node now) and from <paramref name="cluster"/> (null: no members metric), every <paramref name="every"/>
    /// (default <see cref="Every"/>).
    /// </summary>
    public static Props Create(NodeMetrics metrics, Func<IActorRef?> guardian, IClusterView? cluster, TimeSpan? every = null) =>
        Props.Create(() => new NodeMetricsPoller(metrics, guardian, cluster, every ?? Every));

    /// <summary>Use <see cref="Create"/>: Akka builds it (its constructor must be public).</summary>
    public NodeMetricsPoller(NodeMetrics metrics, Func<IActorRef?> guardian, IClusterView? cluster, TimeSpan every)
    {
        _metrics = metrics;
        _guardianNow = guardian;
        _cluster = cluster;
        _every = every;
        Receive<Tick>(_ => OnTick());
        Receive<NodeStatus>(OnStatus);
        Receive<NodeGuardian.Parts>(OnParts);
        Receive<ChainActor.PosStatus>(OnPosStatus);
        Receive<ChainEvent.EpochTransitioned>(t => _metrics.Observe(t.Transition));
        Receive<ChainEvent>(_ => { }); // the other head news the subscription brings
    }

    /// <inheritdoc />
    public ITimerScheduler Timers { get; set; } = null!;

    /// <inheritdoc />
    protected override void PreStart() => Timers.StartPeriodicTimer("tick", Tick.Instance, TimeSpan.Zero, _every);

    private void OnTick()
    {
        if (_cluster is not null)
            _metrics.ObserveMembers(_cluster.Members());
        _metrics.ObserveDropped(DroppedMessages.Get(Context.System).Counts());
        var guardian = _guardianNow();
        if (guardian is null)
            return;
        if (!guardian.Equals(_guardian))
        {
            _guardian = guardian;
            _chain = null;
            _posAskedTicksAgo = -1;
            guardian.Tell(new NodeGuardian.SubscribeChain(Self, HeadsOnly: true)); // epoch transitions for the participation
            guardian.Tell(new NodeGuardian.GetParts(Self));
        }

        guardian.Tell(new NodeGuardian.GetStatus(Self));
        if (_posAskedTicksAgo >= 0 && ++_posAskedTicksAgo > PosAskPatience) _posAskedTicksAgo = -1;
        if (_merged && _chain is not null && _posAskedTicksAgo < 0)
        {
            _chain.Tell(new ChainActor.GetPosStatus(Self));
            _posAskedTicksAgo = 0;
        }
    }

    private void OnStatus(NodeStatus s)
    {
        _metrics.Observe(s);
        _merged = s.Slot is not null;
    }

    private void OnParts(NodeGuardian.Parts parts)
    {
        if (Sender.Equals(_guardian))
            _chain = parts.Chain;
    }

    private void OnPosStatus(ChainActor.PosStatus p)
    {
        _posAskedTicksAgo = -1;
        _metrics.Observe(p);
    }
}
