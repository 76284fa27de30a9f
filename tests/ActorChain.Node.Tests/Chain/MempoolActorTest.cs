using System.Collections.Immutable;
using ActorChain.Core;
using ActorChain.Core.Transactions;
using ActorChain.Core.TxPool;
using ActorChain.Node.Chain;
using ActorChain.Node.Events;
using Akka.Actor;
using Akka.TestKit;
using ActorChain.Node.Tests.Network;

namespace ActorChain.Node.Tests.Chain;

/// <summary><see cref="MempoolActor"/>: core's mempool behind a mailbox, pruned on every new head.</summary>
public sealed class MempoolActorTest : Akka.TestKit.Xunit2.TestKit
{
    private readonly TestProbe _chain;
    private readonly TestProbe _gossip;
    private readonly TestProbe _events;

    /// <summary>Probes for the chain, the gossip and the node's events.</summary>
    public MempoolActorTest()
        : base(WireConfig.Strict())
    {
        _chain = CreateTestProbe("chain");
        _gossip = CreateTestProbe("gossip");
        _events = CreateTestProbe("events");
    }

    [Fact]
    public void Subscribes_to_heads_reorgs_and_votes()
    {
        Start();
        var sub = _chain.ExpectMsg<ChainActor.Subscribe>();
        sub.Kinds.Should().BeEquivalentTo([ChainEventKind.Head, ChainEventKind.Reorg,
            ChainEventKind.PosHead, ChainEventKind.Attestation, ChainEventKind.LocalAttestation]);
    }

    [Fact]
    public void Accepts_a_valid_transaction_floods_it_and_offers_it_to_miners()
    {
        var settings = ChainFixture.Settings();
        var mempool = Start();
        var tx = Transfer.Sign(settings.Key("alice"), settings.Key("bob").Address, Units.Coins(1), 1_000, 1, 0);

        mempool.Tell(new MempoolActor.Submit(tx, -1, TestActor));

        ExpectMsg<MempoolActor.SubmitResult>().Outcome.Should().BeOfType<AddResult.Accepted>();
        _gossip.ExpectMsg<MempoolActor.Accepted>().Should().Be(new MempoolActor.Accepted(tx, -1));
        _events.ExpectMsg<NodeEvent>().Type.Should().Be("tx_accepted");
        mempool.Tell(new MempoolActor.GetSize(TestActor));
        ExpectMsg<int>().Should().Be(1);
        mempool.Tell(new MempoolActor.Select(settings.GenesisLedger(), 10, 7, TestActor));
        ExpectMsg<MempoolActor.Selected>().Should().BeEquivalentTo(new MempoolActor.Selected([tx], 7));
    }

    [Fact]
    public void The_account_view_counts_the_senders_pending_transactions_up_to_the_first_gap()
    {
        var settings = ChainFixture.Settings();
        var mempool = Start();
        var alice = settings.Key("alice");
        foreach (var nonce in (ulong[])[0, 1, 3])
        {
            mempool.Tell(new MempoolActor.Submit(Transfer.Sign(alice, settings.Key("bob").Address, Units.Coins(1), 1_000, 1, nonce), -1, TestActor));
            ExpectMsg<MempoolActor.SubmitResult>();
        }

        mempool.Tell(new MempoolActor.GetAccount(alice.Address, TestActor));

        var view = ExpectMsg<MempoolActor.AccountView>();
        view.Account.Nonce.Should().Be(0);
        view.Account.Balance.Should().Be(settings.GenesisLedger().Account(alice.Address).Balance);
        view.PendingNonce.Should().Be(2, "nonce 3 waits behind the gap at 2");
        view.Pending.Should().Be(2);
        mempool.Tell(new MempoolActor.GetAccount(settings.Key("bob").Address, TestActor));
        ExpectMsg<MempoolActor.AccountView>().PendingNonce.Should().Be(0);
    }

    [Fact]
    public void Refuses_an_invalid_transaction_without_flooding_it()
    {
        var settings = ChainFixture.Settings();
        var mempool = Start();
        var stranger = Transfer.Sign(settings.Key("nobody"), settings.Key("bob").Address, Units.Coins(1), 1_000, 1, 0);

        mempool.Tell(new MempoolActor.Submit(stranger, 2, TestActor));

        ExpectMsg<MempoolActor.SubmitResult>().Outcome.Should().BeOfType<AddResult.Rejected>();
        _gossip.ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public void Drops_a_transaction_the_new_head_included()
    {
        var settings = ChainFixture.Settings();
        var pow = new PowChain(settings);
        var mempool = Start();
        var tx = Transfer.Sign(settings.Key("alice"), settings.Key("bob").Address, Units.Coins(1), 1_000, 1, 0);
        mempool.Tell(new MempoolActor.Submit(tx, -1, TestActor));
        ExpectMsg<MempoolActor.SubmitResult>();

        var ctx = new Core.Pow.BlockTree(settings.GenesisBlock(), settings.GenesisLedger(), settings.Pow).ContextFor(pow.Genesis.Hash);
        var block = Core.Pow.PowBlockBuilder.Build(ctx, settings.Key("m0").Address, 2_000, [tx], settings.Pow);
        var tree = new Core.Pow.BlockTree(settings.GenesisBlock(), settings.GenesisLedger(), settings.Pow);
        tree.ImportBlock(block, 10_000_000);
        mempool.Tell(new ChainEvent.HeadChanged(block, tree.ContextFor(block.Hash), tree.TotalDifficulty(block.Hash)));

        mempool.Tell(new MempoolActor.GetSize(TestActor));
        ExpectMsg<int>().Should().Be(0);
    }

    private IActorRef Start()
    {
        var node = ChainFixture.Node(ChainFixture.Settings(), _events.Ref);
        return Sys.ActorOf(MempoolActor.Create(node, _chain.Ref, _gossip.Ref));
    }
}
