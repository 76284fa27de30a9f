using System.Numerics;
using ActorChain.Core.Codec;
using ActorChain.Core.Pow;
using ActorChain.Core.Transactions;
using ActorChain.Node.Chain;
using ActorChain.Node.Consensus;
using ActorChain.Node.Events;
using ActorChain.Node.Faults;
using ActorChain.Node.Network;
using ActorChain.Node.Time;
using Akka.Actor;
using Akka.TestKit;
using static ActorChain.Node.Tests.Consensus.ConsensusFixture;
using ActorChain.Node.Tests.Network;

namespace ActorChain.Node.Tests.Consensus;

/// <summary>The withholder imports its node's blocks quietly and publishes them as its policy says.</summary>
public sealed class WithholdingActorTests() : ActorChain.TestKit.ConsensusTestKit(WireConfig.Strict(VirtualTimeConfig()))
{
    private readonly List<NodeEvent> _events = [];
    private Conductor _time = null!;
    private TestProbe _chain = null!;
    private TestProbe _publish = null!;
    private IActorRef _withholder = ActorRefs.Nobody;

    private void Start(PowFault fault)
    {
        _time = Time;
        _chain = CreateTestProbe("chain");
        _publish = CreateTestProbe("publish");
        var log = _time.ActorOf(Props.Create(() => new EventLog(_events)), "events");
        _withholder = _time.ActorOf(WithholdingActor.Create(Context(Sys, Simulated, log), _chain), "withholder");
        _time.Drain();
        _chain.ExpectMsg<ChainActor.Subscribe>(TimeSpan.FromSeconds(1)).Kinds.Should()
            .BeEquivalentTo([ChainEventKind.Head, ChainEventKind.BlockImported]);
        _withholder.Tell(Head(10));
        _withholder.Tell(new WithholdingActor.Start(fault, _publish));
        _time.Drain();
    }

    private static PowBlock Block(ulong height) =>
        new(new PowHeader(height, Hash32.Zero, height * 1000, Hash32.Zero, PowBlock.TxRoot(0, Array.Empty<Transaction>()), Core.Crypto.Address.Zero, 0), 0, []);

    private static ChainEvent.HeadChanged Head(ulong height) => new(Block(height), null!, BigInteger.One);

    private List<ulong> Published()
    {
        var heights = new List<ulong>();
        while (_publish.HasMessages)
        {
            var p = _publish.ExpectMsg<Publish>(TimeSpan.FromSeconds(1));
            var block = ((Wire.BlockGossip)p.Payload).Block;
            p.Id.Should().Be(block.Hash);
            heights.Add(block.Height);
        }

        return heights;
    }

    [Fact]
    public void Imports_withheld_blocks_quietly_and_publishes_them_all_when_cleared()
    {
        Start(new Fault.PrivateChain(3, null));
        _withholder.Tell(new WithholdingActor.Mined(Block(11)));
        _withholder.Tell(new WithholdingActor.Mined(Block(12)));
        _time.Drain();
        _chain.ExpectMsg<ChainActor.ImportWithheld>(TimeSpan.FromSeconds(1)).Block.Height.Should().Be(11);
        _chain.ExpectMsg<ChainActor.ImportWithheld>(TimeSpan.FromSeconds(1)).Block.Height.Should().Be(12);
        Published().Should().BeEmpty();

        _withholder.Tell(WithholdingActor.Release.Instance);
        _time.Drain();
        Published().Should().Equal(11UL, 12UL);
        _events.Select(e => e.Type).Should().Equal("withholding_started", "block_withheld", "block_withheld", "blocks_released", "withholding_ended");
        var released = _events.Single(e => e.Type == "blocks_released");
        released.Fields.Select(f => f.Key).Should().Equal("fault", "count", "fromHeight", "toHeight", "reason", "stillWithheld");
        released["reason"].Should().Be("cleared");
        _events[0]["headHeight"].Should().Be(10UL);

        _withholder.Tell(new WithholdingActor.Mined(Block(13)));
        _time.Drain();
        _chain.ExpectMsg<ChainActor.ImportBlock>(TimeSpan.FromSeconds(1)).Block.Height.Should().Be(13, "honest again: blocks pass through");
    }

    [Fact]
    public void Releases_a_private_chain_at_its_second()
    {
        Start(new Fault.PrivateChain(3, new Fault.ReleaseAt(Fault.ReleaseUnit.Second, 30)));
        _withholder.Tell(new WithholdingActor.Mined(Block(11)));
        _time.RunUntil(TimeSpan.FromSeconds(29));
        Published().Should().BeEmpty();
        _time.RunUntil(TimeSpan.FromSeconds(30));
        Published().Should().Equal(11UL);
        _events.Single(e => e.Type == "blocks_released")["reason"].Should().Be("release at second 30");
    }

    [Fact]
    public void Mines_selfishly_publishing_on_the_others_blocks()
    {
        Start(new Fault.SelfishMining(3));
        _withholder.Tell(new WithholdingActor.Mined(Block(11)));
        _withholder.Tell(new WithholdingActor.Mined(Block(12)));
        _time.Drain();
        Published().Should().BeEmpty();
        _withholder.Tell(new ChainEvent.BlockImported(Block(11), 1));
        _time.Drain();
        Published().Should().Equal(11UL, 12UL);
        _events.Single(e => e.Type == "blocks_released")["reason"].Should().Be("lead of two");
    }

    /// <inheritdoc />
    protected override void AfterAll()
    {
        _time?.Shutdown(TimeSpan.FromSeconds(10));
        base.AfterAll();
    }
}
