using System.Collections.Immutable;
using ActorChain.Core;
using ActorChain.Core.Codec;
using ActorChain.Core.Crypto;
using ActorChain.Core.Pos;
using ActorChain.Core.Pos.Block;
using ActorChain.Core.Pos.Epoch;
using ActorChain.Core.Pos.Misc;
using ActorChain.Core.Pos.Model;
using ActorChain.Core.Pos.State;
using ActorChain.Core.Transactions;
using ActorChain.Node.Chain;
using ActorChain.Node.Configuration;
using ActorChain.Node.Events;
using ActorChain.Node.Storage;
using ActorChain.Node.Time;
using Akka.Actor;
using Akka.TestKit;

namespace ActorChain.Node.Tests.Chain;

/// <summary>
/// One ChainActor started in PoS (<see cref="ChainActor.StartPos"/>) on a small <c>minimal</c> genesis with genesis time 0,
/// driven in virtual time by a <see cref="Conductor"/> from the test's thread; its events and chain events go to probes.
/// Blocks and votes are made with core's <see cref="BlockProduction"/> the honest way, on states the test keeps.
/// </summary>
internal sealed class BeaconTestChain : IDisposable
{
    /// <summary>The genesis validators: v0 … v7, 32 coins each.</summary>
    public const int Validators = 8;

    private readonly Dictionary<PubKey, SigningKey> _keys = []; // lookups only
    private readonly SortedDictionary<Hash32, BeaconState> _states = [];
    private readonly List<NodeEvent> _events = [];
    private readonly List<object> _chainEvents = [];
    private int _restarts;

    public BeaconTestChain(Akka.TestKit.Xunit2.TestKit kit, ImmutableHashSet<ChainEventKind> kinds, NodeStores? stores = null)
    {
        Settings = ChainSettings.Defaults with
        {
            Validators = [.. Enumerable.Range(0, Validators).Select(i => new NamedAmount("v" + i, Units.Coins(32)))],
            Consensus = new ConsensusSettings(ConsensusConfig.Minimal, null, 2, MergeGenesisDelayMillis: 0),
        };
        foreach (var v in Settings.Validators)
        {
            var key = Settings.Key(v.Name);
            _keys[key.PublicKey] = key;
        }

        Conductor = new Conductor(kit.Sys);
        Events = kit.CreateTestProbe("events");
        Chain = kit.CreateTestProbe("chain-events");
        Stores = stores ?? NodeStores.InMemory();
        Node = new NodeContext(0, SchedulerClock.Of(kit.Sys), Events.Ref, Settings, 1, Transitions, Stores);
        Actor = Conductor.ActorOf(ChainActor.Create(Node), "chain");
        Actor.Tell(ChainActor.StartPos.Instance);
        Actor.Tell(new ChainActor.Subscribe(Chain.Ref, kinds)); // after the merge: the merge and the PoS head at once
        Conductor.Drain();
        Merged = Chain.ExpectMsg<ChainEvent.Merged>(TimeSpan.FromSeconds(1));
        _states[Merged.AnchorRoot] = Merged.GenesisState;
    }

    /// <summary>The node's transition memo.</summary>
    public TransitionMemo Transitions { get; } = new();

    public ChainSettings Settings { get; }
    public ConsensusConfig Config => Settings.Consensus.Config;
    public Conductor Conductor { get; }
    public TestProbe Events { get; }
    public TestProbe Chain { get; }
    public NodeStores Stores { get; }
    public NodeContext Node { get; }
    public IActorRef Actor { get; private set; }
    public ChainEvent.Merged Merged { get; }
    public Hash32 Anchor => Merged.AnchorRoot;

    /// <summary>
    /// A crash and restart: stops the chain actor and starts a new one on the same stores, subscribed as before (its
    /// merge replay is dropped). It reloads what the first one stored.
    /// </summary>
    public void Restart(ImmutableHashSet<ChainEventKind> kinds)
    {
        _restarts++;
        Actor.Tell(PoisonPill.Instance);
        Conductor.Drain();
        Actor = Conductor.ActorOf(ChainActor.Create(Node), "chain-" + _restarts);
        Actor.Tell(new ChainActor.Subscribe(Chain.Ref, kinds));
        Conductor.Drain();
    }

    /// <summary>Stops the actor system from the conductor's thread.</summary>
    public void Dispose() => Conductor.Shutdown(TimeSpan.FromSeconds(10));

    /// <summary>The post-state of a block this test made (or the genesis state for the anchor).</summary>
    public BeaconState StateOf(Hash32 root) => _states[root];

    /// <summary>Moves virtual time to <paramref name="millis"/> ms after genesis, running everything due.</summary>
    public void RunTo(long millis) => Conductor.RunUntil(TimeSpan.FromMilliseconds(millis));

    /// <summary>Moves time to <paramref name="millisIntoSlot"/> of <paramref name="slot"/> and tells the chain the slot has started.</summary>
    public void Tick(ulong slot, long millisIntoSlot = 0)
    {
        RunTo(((long)slot * 1000) + millisIntoSlot);
        Actor.Tell(new ChainActor.SlotTick(slot));
        Conductor.Drain();
    }

    /// <summary>Tells the chain and lets it run.</summary>
    public void Send(object message)
    {
        Actor.Tell(message);
        Conductor.Drain();
    }

    /// <summary>The honest block of <paramref name="slot"/> on <paramref name="parent"/> with these votes; its post-state is kept.</summary>
    public BeaconBlock Produce(Hash32 parent, ulong slot, IEnumerable<Attestation>? votes = null,
        IEnumerable<AttesterSlashing>? attesterSlashings = null)
    {
        var state = _states[parent];
        var proposer = ProposerAt(state, slot);
        var produced = BlockProduction.Produce(state, slot, proposer, KeyOf(state, proposer), votes ?? [], [],
            attesterSlashings ?? [], [], Config, SignatureCheck.Shared);
        _states[produced.Block.Root] = produced.PostState;
        return produced.Block;
    }

    /// <summary>A chain of honest blocks, one per slot from <paramref name="from"/> to <paramref name="to"/>, each with the votes of the slot before.</summary>
    public List<BeaconBlock> ProduceChain(Hash32 parent, ulong from, ulong to)
    {
        var blocks = new List<BeaconBlock>();
        for (var slot = from; slot <= to; slot++)
        {
            var votes = slot > 1 ? VotesOf(parent, slot - 1) : [];
            var b = Produce(parent, slot, votes);
            blocks.Add(b);
            parent = b.Root;
        }

        return blocks;
    }

    /// <summary>The proposer of <paramref name="slot"/> on <paramref name="state"/>.</summary>
    public int ProposerAt(BeaconState state, ulong slot) =>
        Proposers.BeaconProposerIndex(Advanced(state, slot), slot, Config) ?? throw new InvalidOperationException("no proposer");

    /// <summary>Every honest vote of slot <paramref name="slot"/> for head <paramref name="head"/>.</summary>
    public List<Attestation> VotesOf(Hash32 head, ulong slot)
    {
        var s = Advanced(_states[head], slot);
        var votes = new List<Attestation>();
        for (var v = 0; v < s.ValidatorCount; v++)
        {
            if (Committees.CommitteeOf(s, Config.EpochOf(slot), v, Config) is { } duty && duty.Slot == slot)
            {
                var d = AttestationProduction.ComputeAttestationData(s, head, slot, duty.CommitteeIndex, Config);
                votes.Add(Sign(v, s, d));
            }
        }

        return votes;
    }

    /// <summary>Validator <paramref name="v"/>'s signed vote.</summary>
    public Attestation Sign(int v, BeaconState s, AttestationData d) => new((ulong)v, d, KeyOf(s, v).Sign(Domain.Attester, d.Root));

    /// <summary>The key of validator <paramref name="index"/>.</summary>
    public SigningKey KeyOf(BeaconState s, int index) => _keys[s.Validators[index].Pubkey];

    /// <summary>A copy of <paramref name="s"/> advanced to <paramref name="slot"/>.</summary>
    public BeaconState Advanced(BeaconState s, ulong slot)
    {
        var copy = s.Copy();
        if (copy.Slot < slot)
        {
            SlotProcessing.ProcessSlots(copy, slot, Config, trace: false);
        }

        return copy;
    }

    /// <summary>The node events of type <paramref name="type"/> received since the start, in order.</summary>
    public List<NodeEvent> EventsOf(string type)
    {
        _events.AddRange(All<NodeEvent>(Events));
        return [.. _events.Where(e => e.Type == type)];
    }

    /// <summary>The chain events of type <typeparamref name="T"/> received since the start, in order.</summary>
    public List<T> ChainEvents<T>()
    {
        _chainEvents.AddRange(All<object>(Chain));
        return [.. _chainEvents.OfType<T>()];
    }

    /// <summary>Asks the chain and answers the reply.</summary>
    public T Ask<T>(Func<IActorRef, object> message, TestProbe probe)
    {
        Actor.Tell(message(probe.Ref));
        Conductor.Drain();
        return probe.ExpectMsg<T>(TimeSpan.FromSeconds(1));
    }

    private static List<T> All<T>(TestProbe probe)
    {
        var all = new List<T>();
        while (probe.HasMessages)
        {
            all.Add((T)probe.ReceiveOne(TimeSpan.Zero)!);
        }

        return all;
    }
}
