using ActorChain.Core;
using ActorChain.Core.Transactions;
using ActorChain.Node.Chain;
using ActorChain.Node.Events;
using ActorChain.Node.Storage;
using ActorChain.Node.Time;
using Akka.Actor;

namespace ActorChain.Node.Tests.Chain;

/// <summary>The chain, mempool and sync actors under virtual time (the conductor): no work from other threads, and the same run twice gives the same events.</summary>
public sealed class ChainVirtualTimeTest
{
    [Fact]
    public void Runs_on_the_conductor_thread_only_and_gives_the_same_events_twice()
    {
        var first = Run();
        var second = Run();

        first.Violations.Should().BeEmpty();
        first.Events.Should().Equal(second.Events);
        first.Events.Should().Contain("tx_accepted").And.Contain("merge").And.Contain("pow_orphaned_at_merge");
        first.MempoolSize.Should().Be(0, "the block that included the transaction pruned it");
    }

    private static (IReadOnlyList<string> Violations, IReadOnlyList<string> Events, int MempoolSize) Run()
    {
        var sys = ActorSystem.Create("sim", SimConfig.Config());
        var c = new Conductor(sys);
        try
        {
            var settings = ChainFixture.Settings(mergeAt: 2, confirmations: 1);
            var events = new List<NodeEvent>();
            var replies = new List<object>();
            var eventSink = c.ActorOf(Props.Create(() => new Collector(events)), "events");
            var replySink = c.ActorOf(Props.Create(() => new Collector(replies)), "replies");
            var node = new NodeContext(0, SchedulerClock.Of(sys), eventSink, settings, 7, new Core.Pos.Block.TransitionMemo(),
                NodeStores.InMemory());
            var chain = c.ActorOf(ChainActor.Create(node), "chain");
            var mempool = c.ActorOf(MempoolActor.Create(node, chain, replySink), "mempool");
            c.ActorOf(SyncActor.Create(node, chain, replySink), "sync");
            c.Drain();

            var tx = Transfer.Sign(settings.Key("alice"), settings.Key("bob").Address, Units.Coins(1), 1_000, 1, 0);
            mempool.Tell(new MempoolActor.Submit(tx, -1, ActorRefs.Nobody));
            c.RunFor(TimeSpan.FromSeconds(1));
            var pow = new PowChain(settings);
            var parent = pow.Genesis;
            var ctx = new Core.Pow.BlockTree(settings.GenesisBlock(), settings.GenesisLedger(), settings.Pow).ContextFor(parent.Hash);
            var withTx = Core.Pow.PowBlockBuilder.Build(ctx, settings.Key("m0").Address, 2_000, [tx], settings.Pow);
            chain.Tell(new ChainActor.ImportBlock(withTx, 1));
            c.RunFor(TimeSpan.FromSeconds(2));
            foreach (var b in BuildOn(settings, withTx, 3))
            {
                chain.Tell(new ChainActor.ImportBlock(b, 1));
                c.RunFor(TimeSpan.FromSeconds(2));
            }

            mempool.Tell(new MempoolActor.GetSize(replySink));
            c.Drain();
            return (c.Violations, events.Select(e => e.Type).ToList(), replies.OfType<int>().Single());
        }
        finally
        {
            c.Shutdown(TimeSpan.FromSeconds(10));
        }
    }

    private static List<Core.Pow.PowBlock> BuildOn(Configuration.ChainSettings settings, Core.Pow.PowBlock first, int count)
    {
        var tree = new Core.Pow.BlockTree(settings.GenesisBlock(), settings.GenesisLedger(), settings.Pow);
        tree.ImportBlock(first, ulong.MaxValue / 2);
        var result = new List<Core.Pow.PowBlock>();
        var parent = first;
        for (var i = 0; i < count; i++)
        {
            var ctx = tree.ContextFor(parent.Hash);
            parent = Core.Pow.PowBlockBuilder.Build(ctx, settings.Key("m0").Address, parent.Timestamp + 2_000, [], settings.Pow);
            tree.ImportBlock(parent, ulong.MaxValue / 2);
            result.Add(parent);
        }

        return result;
    }

    /// <summary>Keeps what it receives, in order.</summary>
    private sealed class Collector : ReceiveActor
    {
        /// <summary>Collects into <paramref name="into"/>.</summary>
        public Collector(List<NodeEvent> into) => Receive<NodeEvent>(into.Add);

        /// <summary>Collects into <paramref name="into"/>.</summary>
        public Collector(List<object> into) => ReceiveAny(into.Add);
    }
}
