using System.Collections.Immutable;
using ActorChain.Node;
using ActorChain.Node.Faults;
using ActorChain.Node.Network;
using ActorChain.Simulation;
using ActorChain.Simulation.Running;
using Akka.Actor;

namespace ActorChain.TestKit;

public sealed partial class SimNetwork
{
    private readonly FaultInjector _injector;

    /// <summary>
    /// Injects <paramref name="fault"/> where it belongs (the node hosting its validator, the node it names, or every
    /// link) and returns the answer: accepted, or refused naming what is wrong. Virtual time does not move.
    /// </summary>
    public FaultReply Inject(Fault fault)
    {
        var reply = Ask<FaultReply>(_network, r => new EmbeddedNetwork.InjectFault(fault, r));
        RefreshNodes();
        return reply;
    }

    /// <summary>Ends <paramref name="fault"/>, injected before; the answer says whether it was in.</summary>
    public FaultReply Clear(Fault fault)
    {
        var reply = Ask<FaultReply>(_network, r => new EmbeddedNetwork.ClearFault(fault, r));
        RefreshNodes();
        return reply;
    }

    /// <summary>Injects <paramref name="fault"/> at the start of PoS slot <paramref name="slot"/> and, if given, clears it at <paramref name="untilSlot"/>.</summary>
    public void InjectAt(ulong slot, Fault fault, ulong? untilSlot = null)
    {
        VirtualRun.At(_conductor, SlotStartMillis(slot), () =>
        {
            _network.Tell(new EmbeddedNetwork.InjectFault(fault, ActorRefs.Nobody));
            _refreshAfterFault = true;
        });
        if (untilSlot is { } until)
        {
            VirtualRun.At(_conductor, SlotStartMillis(until), () =>
            {
                _network.Tell(new EmbeddedNetwork.ClearFault(fault, ActorRefs.Nobody));
                _refreshAfterFault = true;
            });
        }
    }

    /// <summary>Takes each validator offline: it skips every duty (until <see cref="Clear"/>ed with the same fault).</summary>
    public void Offline(params string[] validators)
    {
        foreach (var v in validators) Accepted(Inject(new Fault.Offline(v)), new Fault.Offline(v));
    }

    /// <summary>Brings each validator back from <see cref="Offline"/>.</summary>
    public void Online(params string[] validators)
    {
        foreach (var v in validators) Accepted(Clear(new Fault.Offline(v)), new Fault.Offline(v));
    }

    /// <summary>Makes <paramref name="validator"/> sign a second vote for the same target (slashable).</summary>
    public void DoubleVote(string validator) => Accepted(Inject(new Fault.DoubleVote(validator)), new Fault.DoubleVote(validator));

    /// <summary>Makes <paramref name="validator"/> sign a vote surrounding, or inside, one it signed before (slashable).</summary>
    public void SurroundVote(string validator) => Accepted(Inject(new Fault.SurroundVote(validator)), new Fault.SurroundVote(validator));

    /// <summary>Makes <paramref name="validator"/> sign two blocks for its proposal slot (slashable).</summary>
    public void DoubleProposal(string validator) => Accepted(Inject(new Fault.DoubleProposal(validator)), new Fault.DoubleProposal(validator));

    /// <summary>Holds <paramref name="validator"/>'s blocks and votes back by <paramref name="delayMillis"/>.</summary>
    public void Late(string validator, long delayMillis) =>
        Accepted(Inject(new Fault.Late(validator, delayMillis)), new Fault.Late(validator, delayMillis));

    /// <summary>Cuts every link between different groups of nodes.</summary>
    public FaultReply Partition(params int[][] groups) =>
        Inject(new Fault.Partition([.. groups.Select(g => g.ToImmutableArray())]));

    /// <summary>Restores every link a partition cut.</summary>
    public FaultReply Heal() => Inject(new Fault.Link(new LinkFault.Heal()));

    /// <summary>Every link adds <paramref name="meanMillis"/> ± <paramref name="jitterMillis"/> of latency (until cleared with the same fault).</summary>
    public FaultReply Latency(long meanMillis, long jitterMillis) => Inject(new Fault.Link(new LinkFault.Latency(meanMillis, jitterMillis)));

    /// <summary>Every link drops a message with <paramref name="probability"/> (until cleared with the same fault).</summary>
    public FaultReply Loss(double probability) => Inject(new Fault.Link(new LinkFault.Loss(probability)));

    /// <summary>Crashes node <paramref name="node"/> now: its actors stop, its stores stay.</summary>
    public FaultReply Crash(int node) => Inject(new Fault.Crash(node));

    /// <summary>Starts crashed node <paramref name="node"/> again from its stores.</summary>
    public FaultReply Restart(int node) => Clear(new Fault.Crash(node));

    /// <summary>Node <paramref name="node"/> withholds its mined blocks and publishes them at <paramref name="release"/> (or when cleared).</summary>
    public FaultReply PrivateChain(int node, Fault.ReleaseAt? release = null) => Inject(new Fault.PrivateChain(node, release));

    /// <summary>Node <paramref name="node"/>'s miner mines selfishly (Eyal and Sirer).</summary>
    public FaultReply SelfishMining(int node) => Inject(new Fault.SelfishMining(node));

    /// <summary>Whether node <paramref name="node"/> is up (not crashed).</summary>
    public bool IsUp(int node) => _nodes.ContainsKey(node);

    /// <summary>Every node stops producing blocks (miners and proposers), e.g. to let gossip settle.</summary>
    public void StopProducing()
    {
        _network.Tell(EmbeddedNetwork.StopProducing.Instance);
        _conductor.Drain();
    }

    /// <summary>Delivers <paramref name="payload"/> to <paramref name="to"/> as if peer <paramref name="from"/> had gossiped it.</summary>
    public void Gossip(int from, int to, Wire payload) => Node(to).Tell(new NodeGuardian.FromPeer(from, payload));

    private static void Accepted(FaultReply reply, Fault fault)
    {
        if (!reply.Accepted) throw new SimAssertionException($"expected the network to accept {fault.Describe()}; it refused: {reply.Detail}");
    }
}
