using System.Collections.Immutable;
using ActorChain.Core.Codec;
using ActorChain.Core.Pow;
using ActorChain.Node.Chain;
using ActorChain.Node.Configuration;
using ActorChain.Node.Consensus;
using ActorChain.Node.Events;
using ActorChain.Node.Time;
using Akka.Actor;
using Akka.TestKit;
using static ActorChain.Node.Tests.Consensus.ConsensusFixture;
using ActorChain.Node.Tests.Network;

namespace ActorChain.Node.Tests.Consensus;

/// <summary>A miner mines on the head it hears of and hands its blocks to the chain (or to a withholder), in virtual time.</summary>
public sealed class MinerActorTests() : ActorChain.TestKit.ConsensusTestKit(WireConfig.Strict(VirtualTimeConfig()))
{
    private readonly List<NodeEvent> _events = [];
    private Conductor _time = null!;
    private TestProbe _chain = null!;

    private IActorRef StartMiner(ChainSettings settings, PowMode mode, ulong hashrate = 1_000_000)
    {
        _time = Time;
        _chain = CreateTestProbe("chain");
        var log = _time.ActorOf(Props.Create(() => new EventLog(_events)), "events");
        var mempool = _time.ActorOf(Props.Create(() => new EmptyMempool()), "mempool");
        var node = Context(Sys, settings, log);
        var miner = _time.ActorOf(MinerActor.Create(node, new MinerSpec("alice", hashrate), mode, _chain, mempool), "miner");
        _time.Drain();
        var subscribe = _chain.ExpectMsg<ChainActor.Subscribe>(TimeSpan.FromSeconds(1));
        subscribe.Subscriber.Should().Be(miner);
        subscribe.Kinds.Should().Contain(ChainEventKind.Head);
        return miner;
    }

    private List<PowBlock> Imported()
    {
        var blocks = new List<PowBlock>();
        while (_chain.HasMessages)
        {
            var m = _chain.ExpectMsg<ChainActor.ImportBlock>(TimeSpan.FromSeconds(1));
            m.FromNode.Should().Be(-1);
            blocks.Add(m.Block);
        }

        return blocks;
    }

    [Fact]
    public void A_simulated_miner_produces_blocks_on_the_head_at_its_hashrate()
    {
        var miner = StartMiner(Simulated, PowMode.Simulated);
        var head = GenesisHead(Simulated);
        miner.Tell(head);
        _time.RunUntil(TimeSpan.FromMinutes(2));

        var blocks = Imported();
        blocks.Count.Should().BeInRange(15, 50, "about one block per 4 s over two minutes");
        blocks.Should().AllSatisfy(b =>
        {
            b.Height.Should().Be(1);
            b.ParentHash.Should().Be(head.Head.Hash);
            b.Miner.Should().Be(Simulated.Key("alice").Address);
        });
        blocks.Select(b => b.Timestamp).Should().BeInAscendingOrder();
        var mined = _events.Where(e => e.Type == "pow_block_mined").ToList();
        mined.Should().HaveCount(blocks.Count);
        mined[0].Fields.Select(f => f.Key).Should().Equal("miner", "hash", "height", "txs");
        mined[0]["hash"].Should().Be(blocks[0].Hash.ToString());
        mined[0].T.Should().Be((long)blocks[0].Timestamp);
        _time.Violations.Should().BeEmpty();
    }

    [Fact]
    public void A_simulated_miner_mines_the_same_blocks_in_every_run()
    {
        var miner = StartMiner(Simulated, PowMode.Simulated);
        miner.Tell(GenesisHead(Simulated));
        _time.RunUntil(TimeSpan.FromMinutes(1));
        var first = Imported().Select(b => b.Hash).ToList();

        using var again = new MinerActorTests();
        var other = again.StartMiner(Simulated, PowMode.Simulated);
        other.Tell(GenesisHead(Simulated));
        again._time.RunUntil(TimeSpan.FromMinutes(1));
        again.Imported().Select(b => b.Hash).Should().Equal(first);
        again._time.Shutdown(TimeSpan.FromSeconds(10)).Should().BeTrue();
    }

    [Fact]
    public void A_miner_without_a_head_or_hashrate_mines_nothing()
    {
        var miner = StartMiner(Simulated, PowMode.Simulated, hashrate: 0);
        _time.RunUntil(TimeSpan.FromMinutes(1));
        _chain.HasMessages.Should().BeFalse("no head yet");
        miner.Tell(GenesisHead(Simulated));
        _time.RunUntil(TimeSpan.FromMinutes(2));
        _chain.HasMessages.Should().BeFalse("no hashrate");
    }

    [Fact]
    public void A_real_miner_searches_nonces_until_its_block_meets_the_target()
    {
        var easy = ChainSettings.Defaults with
        {
            PowMode = PowMode.Real,
            Pow = ChainSettings.Defaults.Pow.WithGenesisTarget(Targets.ForExpectedWork(64)),
        };
        var miner = StartMiner(easy, PowMode.Real, hashrate: 0);
        miner.Tell(GenesisHead(easy));
        _time.Drain();

        var block = _chain.ExpectMsg<ChainActor.ImportBlock>(TimeSpan.FromSeconds(5)).Block;
        new PowHasher(block.Header).MeetsTarget(block.Header.Nonce).Should().BeTrue();
        miner.Tell(new MinerActor.GetStats(TestActor));
        _time.Drain();
        var stats = ExpectMsg<MinerActor.Stats>(TimeSpan.FromSeconds(1));
        stats.BlocksMined.Should().Be(1);
        stats.Hashes.Should().BePositive();
    }

    [Fact]
    public void Hands_its_blocks_to_the_withholder_until_it_is_honest_again()
    {
        var miner = StartMiner(Simulated, PowMode.Simulated);
        var withholder = CreateTestProbe("withholder");
        miner.Tell(new MinerActor.WithholdTo(withholder));
        miner.Tell(GenesisHead(Simulated));
        _time.RunUntil(TimeSpan.FromMinutes(1));
        withholder.ExpectMsg<WithholdingActor.Mined>(TimeSpan.FromSeconds(1));
        Imported().Should().BeEmpty();

        miner.Tell(MinerActor.Honest.Instance);
        _time.RunFor(TimeSpan.FromMinutes(1));
        Imported().Should().NotBeEmpty();
    }

    [Fact]
    public void A_new_head_restarts_the_work_on_the_new_parent()
    {
        var miner = StartMiner(Simulated, PowMode.Simulated);
        var genesisHead = GenesisHead(Simulated);
        miner.Tell(genesisHead);
        _time.RunUntil(TimeSpan.FromMinutes(1));
        var child = Imported()[0];

        var next = BlockContext.ChildOf(Simulated.Pow, child.Header,
            h => h == 0 ? genesisHead.Head.Timestamp : child.Timestamp, genesisHead.Next.State);
        miner.Tell(new ChainEvent.HeadChanged(child, next, 2));
        _time.RunFor(TimeSpan.FromMinutes(1));
        Imported().Should().NotBeEmpty().And.AllSatisfy(b => b.ParentHash.Should().Be(child.Hash));
    }

    /// <inheritdoc />
    protected override void AfterAll()
    {
        _time?.Shutdown(TimeSpan.FromSeconds(10));
        base.AfterAll();
    }
}
