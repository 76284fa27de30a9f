using System.Collections.Immutable;
using ActorChain.Node.Consensus;
using ActorChain.Node.Faults;
using ActorChain.Node.Network;
using Akka.Actor;
using Akka.Event;

namespace ActorChain.Node;

/// <summary>
/// Where a <see cref="NodeGuardian"/> sends the faults injected into its node (ARCHITECTURE.md, "Faults"): validator and
/// PoW faults to the consensus supervisor (on to the ValidatorActor or the miners), link faults to the PeerLinkActors; a
/// crash fails the guardian itself (an embedded network crashes its nodes from outside instead). A plain helper the
/// guardian owns; it runs only on the guardian's turn, and decides nothing but the route.
/// </summary>
internal sealed class NodeFaults(IActorContext context, NodeContext node, PeerLinks peers, IActorRef consensus, Action<int> offerHead)
{
    private readonly ILoggingAdapter _log = context.GetLogger();

    /// <summary>Routes the fault, or answers why not.</summary>
    /// <exception cref="NodeCrash">A crash of this node was injected: the guardian fails with it, its whole tree with it.</exception>
    public void Inject(NodeGuardian.InjectFault f)
    {
        if (Problem(f.Fault) is { } bad)
        {
            Reply(f.ReplyTo, new FaultReply(false, bad));
            return;
        }
        var fault = f.Fault;
        switch (fault)
        {
            case ValidatorFault or PowFault:
                consensus.Tell(new ConsensusSupervisor.InjectFault(fault, context.Self, f.ReplyTo)); // it replies
                return;
            case Fault.Crash:
                Reply(f.ReplyTo, new FaultReply(true, $"{fault.Describe()}: its actors stop now; it starts again from its "
                    + $"stores ({node.Stores.Chain.Location}) when restarted"));
                node.Emit("node_crashed", "by", "fault");
                throw new NodeCrash($"node {node.NodeId} crashed: crash fault injected");
            case Fault.Link l:
                ApplyLinkFault(new NodeGuardian.ApplyLinkFault(null, l.Fault));
                break;
            case Fault.Partition p:
                var mine = p.GroupOf(node.NodeId);
                foreach (var peer in peers.Ids())
                    if (mine < 0 || p.GroupOf(peer) != mine)
                        ApplyLinkFault(new NodeGuardian.ApplyLinkFault(peer, new LinkFault.Partition()));
                break;
            default:
                throw new InvalidOperationException("no route for fault " + fault);
        }
        Reply(f.ReplyTo, new FaultReply(true, $"{fault.Describe()} on node {node.NodeId}"));
    }

    /// <summary>Ends a fault injected here, or answers why not.</summary>
    public void Clear(NodeGuardian.ClearFault c)
    {
        if (Problem(c.Fault) is { } bad)
        {
            Reply(c.ReplyTo, new FaultReply(false, bad));
            return;
        }
        var fault = c.Fault;
        switch (fault)
        {
            case ValidatorFault or PowFault:
                consensus.Tell(new ConsensusSupervisor.ClearFault(fault, c.ReplyTo)); // it replies
                return;
            case Fault.Link l when l.Fault is not LinkFault.Heal:
                ApplyLinkFault(new NodeGuardian.ApplyLinkFault(null, new LinkFault.Clear(l.Kind)));
                break;
            case Fault.Partition:
                ApplyLinkFault(new NodeGuardian.ApplyLinkFault(null, new LinkFault.Clear("partition")));
                break;
            case Fault.Crash:
                Reply(c.ReplyTo, new FaultReply(false, $"node {node.NodeId} is running, not crashed: a crashed node is "
                    + "restarted by its network (embedded) or by 'scripts/cluster restart' (cluster)"));
                return;
        }
        Reply(c.ReplyTo, new FaultReply(true, $"{fault.Describe()} cleared on node {node.NodeId}"));
    }

    /// <summary>Hands a valid link fault to the link to its peer, or to every link; a lifted partition offers this node's head.</summary>
    public void ApplyLinkFault(NodeGuardian.ApplyLinkFault f)
    {
        if (f.Fault is null || f.Fault.Problem is not null)
        {
            _log.Warning("node {0}: ignored link fault {1}: {2}", node.NodeId, f.Fault, f.Fault?.Problem ?? "none given");
            return;
        }
        var targets = f.Peer is { } one ? ImmutableArray.Create(one) : peers.Ids();
        var lifted = f.Fault is LinkFault.Heal or LinkFault.Clear { Kind: "partition" };
        foreach (var peer in targets)
        {
            if (peers.LinkTo(peer) is not { } link)
                continue;
            link.Tell(new PeerLinkActor.ApplyFault(f.Fault));
            if (lifted)
                offerHead(peer);
        }
    }

    /// <summary>What a fault behaviour signed or withheld, flooded to every peer whatever this node's chain made of it.</summary>
    public void Publish(Publish p) => peers.Flood(p.Payload, p.Id, -1);

    /// <summary>What is wrong with <paramref name="fault"/> for this node, if anything: it is invalid, or names another node.</summary>
    private string? Problem(Fault fault) =>
        FaultProblems.Of(fault) ?? (fault is NodeFault n && n.Node != node.NodeId
            ? $"{fault.Kind} names node {n.Node}; this is node {node.NodeId}"
            : null);

    private void Reply(IActorRef? replyTo, FaultReply reply)
    {
        _log.Info("node {0}: {1}", node.NodeId, reply.Detail);
        replyTo?.Tell(reply);
    }
}
