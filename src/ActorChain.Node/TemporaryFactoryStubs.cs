// TEMPORARY (p2-node): factories of actors other engineers write in parallel, so that NodeGuardian compiles before their
// branches are merged. Each stub actor does nothing. Delete a stub when the real Create arrives (the merge then fails
// to compile on the duplicate, which is the reminder).
using System.Collections.Immutable;
using ActorChain.Node.Consensus;
using Akka.Actor;

namespace ActorChain.Node.Chain
{
    public sealed partial class MempoolActor
    {
        /// <summary>TEMPORARY stub.</summary>
        public static Props Create(NodeContext node, IActorRef chain, IActorRef gossip) => Props.Create(() => new MempoolActor());
    }

    public sealed partial class SyncActor
    {
        /// <summary>TEMPORARY stub.</summary>
        public static Props Create(NodeContext node, IActorRef chain, IActorRef requests) => Props.Create(() => new SyncActor());
    }
}

namespace ActorChain.Node.Consensus
{
    public sealed partial class ConsensusSupervisor
    {
        /// <summary>TEMPORARY stub.</summary>
        public static Props Create(NodeContext node, ImmutableArray<MinerSpec> miners, ImmutableArray<string> validators,
            IActorRef chain, IActorRef mempool) => Props.Create(() => new ConsensusSupervisor());
    }
}

namespace ActorChain.Node.Slashing
{
    public sealed partial class SlasherActor
    {
        /// <summary>TEMPORARY stub.</summary>
        public static Props Create(NodeContext node, IActorRef chain, IActorRef mempool, IActorRef gossip) =>
            Props.Create(() => new SlasherActor());
    }
}

namespace ActorChain.Node.Network
{
    public sealed partial class PeerLinkActor
    {
        /// <summary>TEMPORARY stub.</summary>
        public static Props Create(NodeContext node, int peerId, IActorRef peerGuardian) => Props.Create(() => new PeerLinkActor());
    }
}
