using System.Collections.Immutable;
using ActorChain.Core.Pow;
using ActorChain.Node.Chain;
using ActorChain.Node.Faults;
using ActorChain.Node.Network;
using Akka.Actor;
using Akka.Event;

namespace ActorChain.Node.Consensus;

/// <summary>
/// A PoW fault's sibling of the node's miners (ARCHITECTURE.md, "Faults", miner faults): while a private-chain or
/// selfish-mining fault is in, the miners hand it their blocks instead of the chain. It imports each one withheld (the
/// node builds on it, peers do not hear of it) and publishes them as its <see cref="WithholdingPolicy"/> says. Without
/// a fault, or once the policy is finished, it passes blocks to the chain as an honest miner does.
/// </summary>
public sealed class WithholdingActor : ReceiveActor, IWithTimers
{
    /// <summary>A block one of the node's miners found.</summary>
    public sealed record Mined(PowBlock Block) : INoSerializationVerificationNeeded;

    /// <summary>Start withholding under <paramref name="Fault"/>; released blocks go to <paramref name="Publish"/>.</summary>
    public sealed record Start(PowFault Fault, IActorRef Publish) : INoSerializationVerificationNeeded;

    /// <summary>Publish everything withheld now (the fault was cleared).</summary>
    public sealed record Release : INoSerializationVerificationNeeded
    {
        /// <summary>The one instance.</summary>
        public static Release Instance { get; } = new();
    }

    /// <summary>A private chain's release time has come.</summary>
    private sealed record ReleaseTime : INoSerializationVerificationNeeded
    {
        public static ReleaseTime Instance { get; } = new();
    }

    private const string ReleaseTimer = "release";

    private static readonly ImmutableHashSet<ChainEventKind> Kinds = [ChainEventKind.Head, ChainEventKind.BlockImported];

    private readonly NodeContext _node;
    private readonly IActorRef _chain;
    private ulong _headHeight;
    private PowFault? _fault;
    private WithholdingPolicy? _policy;
    private IActorRef _publish = ActorRefs.Nobody;

    /// <summary>The withholder of <paramref name="node"/>, importing into <paramref name="chain"/>.</summary>
    public static Props Create(NodeContext node, IActorRef chain) => Props.Create(() => new WithholdingActor(node, chain));

    /// <summary>Builds the withholder; use <see cref="Create"/>.</summary>
    public WithholdingActor(NodeContext node, IActorRef chain)
    {
        _node = node;
        _chain = chain;
        PassThroughHandlers();
    }

    /// <inheritdoc />
    public ITimerScheduler Timers { get; set; } = null!;

    /// <inheritdoc />
    protected override void PreStart() => _chain.Tell(new ChainActor.Subscribe(Self, Kinds));

    /// <summary>After a failure the subscription (same ref) still stands: do not subscribe twice.</summary>
    protected override void PostRestart(Exception reason)
    {
    }

    /// <summary>Honest: every block goes to the chain, which announces it.</summary>
    private void PassThrough() => Become(PassThroughHandlers);

    private void PassThroughHandlers()
    {
        Receive<Mined>(m => _chain.Tell(new ChainActor.ImportBlock(m.Block, -1)));
        Receive<ChainEvent>(e =>
        {
            if (e is ChainEvent.HeadChanged h) _headHeight = h.Head.Height;
        });
        Receive<Start>(OnStart);
        Receive<Release>(_ => { });
        Receive<ReleaseTime>(_ => { });
    }

    private void OnStart(Start s)
    {
        if (_fault is not null && _policy is not null) End(_policy.ReleaseAll("replaced by " + s.Fault.Kind));
        _fault = s.Fault;
        _policy = WithholdingPolicy.Of(s.Fault, _headHeight);
        _publish = s.Publish;
        if (s.Fault is Fault.PrivateChain { Release: { Unit: Fault.ReleaseUnit.Second } at })
        {
            var due = (long)(_node.Settings.GenesisTimestamp + at.Value * 1000);
            Timers.StartSingleTimer(ReleaseTimer, ReleaseTime.Instance, TimeSpan.FromMilliseconds(Math.Max(0, due - _node.Clock.NowMillis)));
        }

        _node.Emit("withholding_started", "fault", s.Fault.Kind, "headHeight", _headHeight);
        Context.GetLogger().Info("node {0}: {1}: withholding mined blocks", _node.NodeId, s.Fault.Describe());
        Become(Withholding);
    }

    private void Withholding()
    {
        Receive<Mined>(m =>
        {
            _chain.Tell(new ChainActor.ImportWithheld(m.Block));
            _node.Emit("block_withheld", "fault", _fault!.Kind, "hash", m.Block.Hash.ToString(), "height", m.Block.Height);
            After(_policy!.OnOwnBlock(m.Block));
        });
        Receive<ChainEvent>(e =>
        {
            if (e is ChainEvent.BlockImported { FromNode: >= 0 } b)
            {
                After(_policy!.OnForeignBlock(b.Block.Height));
            }
            else if (e is ChainEvent.HeadChanged h)
            {
                _headHeight = h.Head.Height;
                After(_policy!.OnHead(h.Head.Height));
            }
        });
        Receive<Start>(OnStart);
        Receive<Release>(_ => End(_policy!.ReleaseAll("cleared")));
        Receive<ReleaseTime>(_ => End(_policy!.ReleaseAll(
            _fault is Fault.PrivateChain pc ? "release at " + pc.Release : "release time")));
    }

    private void After(WithholdingPolicy.Publication p)
    {
        if (_policy!.Finished) End(p);
        else Announce(p);
    }

    /// <summary>Publishes <paramref name="p"/> and stops withholding: blocks pass through from now on.</summary>
    private void End(WithholdingPolicy.Publication p)
    {
        Announce(p);
        Timers.Cancel(ReleaseTimer);
        _node.Emit("withholding_ended", "fault", _fault!.Kind);
        _fault = null;
        _policy = null;
        PassThrough();
    }

    private void Announce(WithholdingPolicy.Publication p)
    {
        if (p.IsEmpty) return;
        foreach (var b in p.Blocks) _publish.Tell(new Publish(new Wire.BlockGossip(b), b.Hash));
        var first = p.Blocks[0];
        var last = p.Blocks[^1];
        _node.Emit("blocks_released", "fault", _fault!.Kind, "count", p.Blocks.Length, "fromHeight", first.Height,
            "toHeight", last.Height, "reason", p.Reason, "stillWithheld", _policy!.WithheldCount);
    }
}
