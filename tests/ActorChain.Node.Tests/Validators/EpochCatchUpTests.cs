using System.Collections.Immutable;
using ActorChain.Core;
using ActorChain.Core.Ledger;
using ActorChain.Core.Pos.Epoch;
using ActorChain.Core.Pos.Misc;
using ActorChain.Core.Pos.Model;
using ActorChain.Core.Pos.State;
using ActorChain.Node.Chain;
using ActorChain.Node.Configuration;
using ActorChain.Node.Storage;
using ActorChain.Node.Time;
using ActorChain.Node.Validators;
using Akka.Actor;
using static ActorChain.Node.Tests.Validators.ValidatorFixture;

namespace ActorChain.Node.Tests.Validators;

/// <summary>
/// A PoS engine that starts after PoS genesis (its node merged late, or restarted) does the duties of the current
/// epoch it missed, as far as a vote can still serve them, so no validator misses an epoch-0 duty for its node's delay.
/// </summary>
public sealed class EpochCatchUpTests
{
    [Fact]
    public void Does_not_catch_up_when_its_node_restarts()
    {
        var stores = NodeStores.InMemory();
        stores.Chain.PutMeta(EpochActor.StartedKey, [1]); // the engine ran on this node before its crash
        var votes = Run(stores);
        votes.Should().BeEmpty("a restarted engine starts with the next slot; got "
            + string.Join("; ", votes.Select(v => $"{v.Vote.ValidatorIndex}@{v.Vote.Data.Slot} at {v.At}")));
    }

    [Fact]
    public void Attests_the_missed_slots_of_epoch_0_when_started_late()
    {
        var votes = Run(NodeStores.InMemory());
        var state = EightValidators.Genesis();
        SlotProcessing.ProcessSlots(state, 3, ValidatorFixture.Config, trace: false);
        var expected = Enumerable.Range(0, 8)
            .Where(i => Committees.CommitteeOf(state, 0, i, ValidatorFixture.Config)!.Value.Slot <= 3)
            .Select(i => (ulong)i)
            .Order()
            .ToList();
        expected.Should().NotBeEmpty();
        votes.Select(v => v.Vote.ValidatorIndex).Order().Should().Equal(expected);
        votes.Should().AllSatisfy(v => v.At.Should().Be(3500));
        var anchor = new Checkpoint(0, EightValidators.Anchor);
        votes.Should().AllSatisfy(v =>
        {
            v.Vote.Data.Source.Should().Be(anchor);
            v.Vote.Data.Target.Should().Be(anchor);
            v.Vote.Data.HeadRoot.Should().Be(anchor.Root);
            Committees.CommitteeOf(state, 0, (int)v.Vote.ValidatorIndex, ValidatorFixture.Config)!.Value.Slot.Should().Be(v.Vote.Data.Slot);
        });
    }

    /// <summary>The votes sent to the chain by 3.5 s when the engine starts at 3.5 s (slot 3, after its attestation time).</summary>
    private static List<(Attestation Vote, long At)> Run(NodeStores stores)
    {
        var system = ActorSystem.Create("catch-up", SimConfig.Config());
        var conductor = new Conductor(system);
        try
        {
            var votes = new List<(Attestation Vote, long At)>();
            var clock = SchedulerClock.Of(system);
            var genesis = EightValidators.Genesis();
            var chain = conductor.ActorOf(Props.Create(() => new FakeChain(genesis, votes, clock)), "chain");
            var node = new NodeContext(0, clock, ActorRefs.Nobody, EightValidators.Settings, 1, new Core.Pos.Block.TransitionMemo(), stores);
            conductor.RunUntil(TimeSpan.FromMilliseconds(3500));
            conductor.ActorOf(EpochActor.Create(node, ValidatorFixture.Config, 0, EightValidators.Names, chain, ActorRefs.Nobody), "epoch");
            conductor.RunUntil(TimeSpan.FromMilliseconds(3500));
            conductor.Violations.Should().BeEmpty();
            return [.. votes]; // a copy: shutting down fires the timers still due, and the engine votes on

        }
        finally
        {
            conductor.Shutdown(TimeSpan.FromSeconds(10));
        }
    }

    /// <summary>A chain at its anchor: answers slot contexts from the genesis state, records the votes it is sent.</summary>
    private sealed class FakeChain : ReceiveActor
    {
        public FakeChain(BeaconState genesis, List<(Attestation, long)> votes, IClock clock)
        {
            Receive<ChainActor.GetSlotContext>(g =>
            {
                var s = genesis.Copy();
                SlotProcessing.ProcessSlots(s, g.Slot, ValidatorFixture.Config, trace: false);
                g.ReplyTo.Tell(new ChainActor.SlotContext(g.Slot, EightValidators.Anchor, s));
            });
            Receive<ChainActor.ImportAttestations>(m => votes.AddRange(m.Attestations.Select(a => (a, clock.NowMillis))));
            ReceiveAny(_ => { });
        }
    }
}
