using System.Numerics;
using ActorChain.Core.Pos.Block;
using ActorChain.Core.Pow;
using ActorChain.Node.Chain;
using ActorChain.Node.Configuration;
using ActorChain.Node.Events;
using ActorChain.Node.Time;
using Akka.Actor;

namespace ActorChain.Node.Tests.Consensus;

/// <summary>Answers every <see cref="MempoolActor.Select"/> with no transactions.</summary>
public sealed class EmptyMempool : ReceiveActor
{
    /// <summary>Builds the stand-in.</summary>
    public EmptyMempool() => Receive<MempoolActor.Select>(s => s.ReplyTo.Tell(new MempoolActor.Selected([], s.RequestId)));
}

/// <summary>Collects the node's events in order.</summary>
public sealed class EventLog : ReceiveActor
{
    /// <summary>Appends to <paramref name="events"/>.</summary>
    public EventLog(List<NodeEvent> events) => Receive<NodeEvent>(events.Add);
}

/// <summary>Node contexts and chain events for the consensus tests.</summary>
public static class ConsensusFixture
{
    /// <summary>Simulated PoW settings: the genesis target expects 4,000,000 hashes (4 s for a miner of 1,000,000 H/s).</summary>
    public static ChainSettings Simulated { get; } = ChainSettings.Defaults with
    {
        PowMode = PowMode.Simulated,
        Pow = ChainSettings.Defaults.Pow.WithGenesisTarget(ChainSettings.GenesisTargetFor(1_000_000, 4_000)),
    };

    /// <summary>A context of node 3 on <paramref name="system"/>'s clock, its events to <paramref name="events"/>.</summary>
    public static NodeContext Context(ActorSystem system, ChainSettings settings, IActorRef events) =>
        new(3, SchedulerClock.Of(system), events, settings, 42, new TransitionMemo(), ActorChain.Node.Storage.NodeStores.InMemory());

    /// <summary>The head event of the genesis block, what a fresh chain tells its subscribers.</summary>
    public static ChainEvent.HeadChanged GenesisHead(ChainSettings settings)
    {
        var genesis = settings.GenesisBlock();
        var next = BlockContext.ChildOf(settings.Pow, genesis.Header, _ => genesis.Timestamp, settings.GenesisLedger());
        return new ChainEvent.HeadChanged(genesis, next, BigInteger.One);
    }
}
