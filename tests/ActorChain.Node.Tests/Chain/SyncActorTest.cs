using ActorChain.Core.Codec;
using ActorChain.Node.Chain;
using ActorChain.Node.Storage;
using Akka.Actor;
using Akka.TestKit;
using ActorChain.Node.Tests.Network;

namespace ActorChain.Node.Tests.Chain;

/// <summary><see cref="SyncActor"/> on Akka's test scheduler: one request per missing root, retried with the next peer.</summary>
public sealed class SyncActorTest() : Akka.TestKit.Xunit2.TestKit(WireConfig.Strict("akka.scheduler.implementation = \"Akka.TestKit.TestScheduler, Akka.TestKit\""))
{
    private static readonly Hash32 Missing = Storage.Blocks.Pow(1, Hash32.Zero, 1).Hash;
    private static readonly Hash32 Held = Storage.Blocks.Pow(2, Missing, 1).Hash;

    [Fact]
    public void Asks_the_peer_that_sent_an_orphan_for_its_missing_ancestor_once()
    {
        var (sync, requests) = Start();

        sync.Tell(new ChainEvent.AncestorMissing(Missing, Held, 2));
        sync.Tell(new ChainEvent.AncestorMissing(Missing, Held, 3));

        requests.ExpectMsg<SyncActor.RequestBlocks>().Should().Be(new SyncActor.RequestBlocks(2, Missing, SyncActor.Batch, false));
        requests.ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public void Retries_with_the_next_peer_when_no_answer_comes()
    {
        var (sync, requests) = Start();
        sync.Tell(new SyncActor.PeersChanged([1, 2, 3]));
        sync.Tell(new ChainEvent.BeaconAncestorMissing(Missing, Held, 2));
        requests.ExpectMsg<SyncActor.RequestBlocks>().Peer.Should().Be(2);

        Scheduler.Advance(SyncActor.RetryAfter);

        requests.ExpectMsg<SyncActor.RequestBlocks>().Should().Be(new SyncActor.RequestBlocks(3, Missing, SyncActor.Batch, true));
    }

    [Fact]
    public void Stops_asking_once_the_block_arrived()
    {
        var (sync, requests) = Start();
        sync.Tell(new SyncActor.PeersChanged([1, 2]));
        sync.Tell(new ChainEvent.AncestorMissing(Missing, Held, 1));
        requests.ExpectMsg<SyncActor.RequestBlocks>();

        sync.Tell(new ChainEvent.BlockImported(Storage.Blocks.Pow(1, Hash32.Zero, 1), 1));
        Scheduler.Advance(SyncActor.RetryAfter);

        requests.ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }

    private TestScheduler Scheduler => (TestScheduler)Sys.Scheduler;

    private (IActorRef Sync, TestProbe Requests) Start()
    {
        var chain = CreateTestProbe();
        var requests = CreateTestProbe();
        var node = ChainFixture.Node(ChainFixture.Settings(), CreateTestProbe().Ref, NodeStores.InMemory());
        var sync = Sys.ActorOf(SyncActor.Create(node, chain.Ref, requests.Ref));
        chain.ExpectMsg<ChainActor.Subscribe>().Subscriber.Should().Be(sync);
        return (sync, requests);
    }
}
