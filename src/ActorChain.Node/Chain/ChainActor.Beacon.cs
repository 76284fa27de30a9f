using System.Collections.Immutable;
using ActorChain.Core.Conformance.Golden;
using ActorChain.Core.Codec;
using ActorChain.Core.Ledger;
using ActorChain.Core.Pos;
using ActorChain.Core.Pos.Epoch;
using ActorChain.Core.Pos.ForkChoice;
using ActorChain.Core.Pos.Model;
using ActorChain.Core.Pos.Slashing;
using ActorChain.Core.Pos.State;
using ActorChain.Core.Transactions;
using ActorChain.Node.Storage;
using Akka.Actor;
using Akka.Event;

namespace ActorChain.Node.Chain;

/// <summary>
/// The chain after the merge (Java BeaconChainActor): the single writer of the fork-choice store (CONSENSUS.md §5.6).
/// Core's block import decides validity and epoch processing decides justification and finalization; this behaviour
/// holds the store, buffers orphans and early blocks, tracks the slot clock, and publishes what changed. The PoW tree
/// stays, read-only, so that peers still behind the terminal block can sync it.
/// </summary>
public sealed partial class ChainActor
{
    /// <summary>The most beacon blocks held for an unknown parent.</summary>
    internal const int BeaconOrphanCapacity = 2048;

    /// <summary>The most beacon blocks served for one sync request.</summary>
    internal const int MaxServedBeaconBlocks = 64;

    /// <summary>
    /// The most block bytes one beacon sync reply carries, below the wire serializer's cap and the transport's frame: 64 of
    /// the minimal preset's largest blocks (8.3 MB) always fit, while a reply of mainnet blocks (846 KB each when full)
    /// is cut to the newest that fit, and the peer asks again for the rest.
    /// </summary>
    internal const int MaxServedBeaconBytes = 8 << 20;

    /// <summary>The most blocks held for being early within the clock disparity (§5.6): more than one slot's worth of forks.</summary>
    internal const int MaxEarlyBlocks = 64;

    private ConsensusConfig _posConfig = null!;
    private ForkChoiceStore _forkChoice = null!;
    private ulong _genesisMillis;
    private readonly SignatureCheck _beaconSigs = SignatureCheck.Shared;
    private SlashingFeed _slashingFeed = null!;
    private OrphanPool<BeaconBlock> _beaconOrphans = null!;
    private GossipVotes _gossipVotes = null!; // dedupe, validation, fork choice, and votes waiting for a block
    private VotesSeen _votesSeen = null!; // per validator, the votes seen for the last epochs: the epoch tally's reasons
    private readonly SortedDictionary<Hash32, ImmutableArray<EpochTransition>> _transitionsOf = []; // until pruned or recorded
    private readonly SortedDictionary<Hash32, int> _earlyFrom = []; // held early blocks: root → the node it came from
    private ILoggingAdapter _beaconLog = null!;
    private ulong _posSlot;
    private long _blockAttestationsProcessed;
    private long _attestationsBefore; // processed before a restart (NodeCounters)
    private long _attestationsSaved = -1; // the total last written to the store
    private Hash32 _posHead;
    private long _lastRecordedEpoch = -1;
    private Hash32 _advancedRoot;
    private BeaconState? _advanced;
    private ulong _storedFinalizedEpoch;
    private const string AttestationsProcessedCounter = "attestations-processed";
    private bool _reimporting; // a restarted node re-imports its stored blocks: nothing announced, stored again or logged as news

    /// <summary>
    /// Sets up the fork-choice store on the merge's anchor and genesis state, re-imports <paramref name="reimport"/> (a
    /// restarted node's stored beacon blocks, parents first) and becomes the beacon chain.
    /// </summary>
    private void BecomeBeacon(ChainEvent.Merged merged, ImmutableArray<BeaconBlock> reimport)
    {
        var genesis = merged.GenesisState;
        _posConfig = _node.Settings.Consensus.Config;
        _forkChoice = new ForkChoiceStore(merged.AnchorRoot, genesis.Copy(), _posConfig);
        _genesisMillis = genesis.GenesisTime * 1000;
        _beaconLog = Context.GetLogger();
        _slashingFeed = new SlashingFeed(_node, Publish, _beaconSigs);
        _beaconOrphans = new OrphanPool<BeaconBlock>(BeaconOrphanCapacity, b => b.Root, b => b.ParentRoot);
        _votesSeen = new VotesSeen(genesis.ValidatorCount);
        _gossipVotes = new GossipVotes(_node, _posConfig, _forkChoice, _beaconSigs, _slashingFeed, _beaconLog,
            genesis.ValidatorCount, new VotesChain(this), _votesSeen);
        _posHead = merged.AnchorRoot;
        _storedFinalizedEpoch = _forkChoice.Finalized.Epoch;
        _lastRecordedEpoch = ChainReload.LastRecordedEpoch(_node.Stores.Chain) is { } recorded ? (long)recorded : -1; // -1 unless restarted
        _attestationsBefore = NodeCounters.Read(_node.Stores.Chain, AttestationsProcessedCounter);
        SlashingInterchange.RecordPosGenesis(_node.Stores.Chain, genesis.GenesisRoot, // for slashing-protection interchange
            _node.Settings.Validators.Select(v => (v.Name, _node.Settings.Key(v.Name).PublicKey)));
        Become(Beacon);
        if (!reimport.IsDefaultOrEmpty)
        {
            Reimport(reimport);
        }
    }

    private void Beacon()
    {
        Receive<ImportBeaconBlock>(OnImportBeaconBlock);
        Receive<ImportAttestations>(OnImportAttestations);
        Receive<VerifyEvidence>(OnVerifyEvidence);
        Receive<SlotTick>(OnSlotTick);
        Receive<GetSlotContext>(m => m.ReplyTo.Tell(new SlotContext(m.Slot, _posHead, AdvancedHeadState(m.Slot))));
        Receive<ServeBeaconBlocks>(OnServeBeaconBlocks);
        Receive<GetPosStatus>(m => m.ReplyTo.Tell(PosStatusNow()));
        Receive<AdvanceHeadTo>(OnAdvanceHeadTo);
        Receive<Subscribe>(OnBeaconSubscribe);
        Receive<GetHead>(OnGetHead);
        Receive<ServeBlocks>(OnServeBlocks);
        Receive<ImportBlock>(m => OnLatePowBlock(m.Block, m.FromNode));
        Receive<ImportWithheld>(m => OnLatePowBlock(m.Block, -1));
        Receive<StartPos>(_ => { });
        Receive<MergeAt>(_ => { });
        ReceiveViews();
    }

    /// <summary>
    /// A restarted node's stored blocks, through the normal import in the order they were stored (parents first), with
    /// fork choice at the clock's slot; then the head. Nothing is announced or gossiped. What it had finalized, it
    /// finalizes again.
    /// </summary>
    private void Reimport(ImmutableArray<BeaconBlock> stored)
    {
        TickToClock();
        _reimporting = true;
        var imported = 0;
        foreach (var b in stored)
        {
            imported += ImportOneBeaconBlock(b, -1) ? 1 : 0;
        }

        _reimporting = false;
        UpdatePosHead();
        var savedFinalized = _node.Stores.Chain.Finalized?.Epoch ?? 0;
        _storedFinalizedEpoch = Math.Max(savedFinalized, _forkChoice.Finalized.Epoch); // never stored lower than it was
        if (_forkChoice.Finalized.Epoch < savedFinalized)
        {
            _beaconLog.Warning("node {0}: re-imported blocks finalize epoch {1}, below the stored {2}; peers will bring the rest",
                _node.NodeId, _forkChoice.Finalized.Epoch, savedFinalized);
        }

        _beaconLog.Info("node {0}: re-imported {1} of {2} stored beacon block(s); head at slot {3}, finalized epoch {4}",
            _node.NodeId, imported, stored.Length, HeadSlot(), _forkChoice.Finalized.Epoch);
        _node.Emit("beacon_chain_reloaded", "blocks", stored.Length, "imported", imported, "head", _posHead.ToString(),
            "justified", _forkChoice.Justified.Epoch, "finalized", _forkChoice.Finalized.Epoch, "storedFinalized", savedFinalized);
    }

    private PosStatus PosStatusNow() =>
        new(_posSlot, _posHead, HeadSlot(), _forkChoice.Justified, _forkChoice.Finalized, _forkChoice.SharedState(_posHead)!,
            AttestationsProcessed);

    /// <summary>Votes fork choice took in, in blocks and gossip, since this node's store was new.</summary>
    private long AttestationsProcessed => _attestationsBefore + _blockAttestationsProcessed + _gossipVotes.Processed;

    private ulong HeadSlot() => _forkChoice.SharedState(_posHead)!.Slot;

    /// <summary>Java's beacon <c>onSubscribe</c>: the merge and the current PoS head at once, then the kinds asked for.</summary>
    private void OnBeaconSubscribe(Subscribe s)
    {
        _subscribers.Add(s.Subscriber, s.Kinds);
        s.Subscriber.Tell(_merged!);
        s.Subscriber.Tell(PosHeadEvent());
    }

    private void OnLatePowBlock(Core.Pow.PowBlock block, int fromNode)
    {
        if (!_powTree.Contains(block.Hash))
        {
            _beaconLog.Info("node {0}: ignored PoW block {1} at height {2} from node {3}: the chain has merged",
                _node.NodeId, block.Hash.ShortHex(), block.Height, fromNode);
            _node.Emit("pow_block_ignored", "hash", block.Hash.ToString(), "height", block.Height, "from", fromNode);
        }
    }

    /// <summary>The votes of one message, in order: one <see cref="ChainEvent.AttestationsImported"/> for those that count.</summary>
    private void OnImportAttestations(ImportAttestations m)
    {
        _gossipVotes.ImportMessage(m.Attestations, m.FromNode);
        SaveAttestationsProcessed();
    }

    /// <summary>Writes the total of votes processed where it changed (unsynced meta put: it survives <c>kill -9</c>).</summary>
    private void SaveAttestationsProcessed()
    {
        var total = AttestationsProcessed;
        if (total != _attestationsSaved)
            _attestationsSaved = NodeCounters.Write(_node.Stores.Chain, AttestationsProcessedCounter, total);
    }

    private void OnSlotTick(SlotTick t)
    {
        if (t.Slot > _posSlot)
        {
            _posSlot = t.Slot;
        }

        _forkChoice.OnTick(_posSlot, MillisIntoPosSlot());
        ImportDueBlocks();
        _slashingFeed.Flush();
        var slotsPerEpoch = _posConfig.SlotsPerEpoch;
        if (_posSlot % slotsPerEpoch == 0)
        {
            AdvancedHeadState(_posSlot); // records the transition at the epoch boundary even without a new block
            _gossipVotes.DropWaitingOlderThan(_posSlot > 2 * slotsPerEpoch ? _posSlot - (2 * slotsPerEpoch) : 0); // too old to count now
        }

        UpdatePosHead();
    }

    /// <summary>The end of a simulation: the head state advanced to the slot; the checkpoints reported are that state's.</summary>
    private void OnAdvanceHeadTo(AdvanceHeadTo a)
    {
        var advanced = AdvancedHeadState(Math.Max(a.Slot, HeadSlot()));
        var s = PosStatusNow();
        a.ReplyTo.Tell(s with { Justified = advanced.CurrentJustified, Finalized = advanced.Finalized });
    }

    private void OnServeBeaconBlocks(ServeBeaconBlocks s) =>
        s.ReplyTo.Tell(new BeaconBlocksFound(ServedBeaconBlocks(AncestorsOf(s.Root), Math.Max(1, Math.Min(s.Max, MaxServedBeaconBlocks)),
            MaxServedBeaconBytes), s.ForNode));

    /// <summary>Block <paramref name="root"/> and its known ancestors, newest first (nothing when it is unknown).</summary>
    private IEnumerable<BeaconBlock> AncestorsOf(Hash32 root)
    {
        for (var b = _forkChoice.Block(root); b is not null; b = _forkChoice.Block(b.ParentRoot))
            yield return b;
    }

    /// <summary>
    /// What one sync reply carries of <paramref name="newestFirst"/>: at most <paramref name="max"/> blocks and
    /// <paramref name="maxBytes"/> of them (always at least the first), in ascending slot order.
    /// </summary>
    internal static ImmutableArray<BeaconBlock> ServedBeaconBlocks(IEnumerable<BeaconBlock> newestFirst, int max, int maxBytes)
    {
        var back = new List<BeaconBlock>();
        var bytes = 0L;
        foreach (var b in newestFirst)
        {
            bytes += b.EncodedLength;
            if (back.Count >= max || (back.Count > 0 && bytes > maxBytes))
                break;
            back.Add(b);
        }

        back.Reverse();
        return [.. back];
    }

    /// <summary>
    /// Evidence the slasher has not seen before: true if it proves an offence (on the head state's registry, slashed or
    /// not); then an attester slashing's offender loses its fork-choice weight at once (CONSENSUS.md §5.6).
    /// </summary>
    private void OnVerifyEvidence(VerifyEvidence v)
    {
        var bad = SlashingRules.VerifyEvidence(_forkChoice.SharedState(_posHead)!, v.Evidence, _beaconSigs);
        var equivocating = false;
        if (bad is null && v.Evidence is AttesterSlashing s)
        {
            _forkChoice.OnAttesterSlashing([s.Offender]);
            equivocating = _forkChoice.IsEquivocating(s.Offender);
            UpdatePosHead();
        }

        v.ReplyTo.Tell(new EvidenceVerdict(v.Evidence, v.FromNode, bad, equivocating));
    }

    /// <summary>
    /// The head state advanced to <paramref name="slot"/>, shared by every duty of that slot (and, through the transition
    /// memo, by every node of this process on the same head): read-only. Records canonical transitions.
    /// </summary>
    private BeaconState AdvancedHeadState(ulong slot)
    {
        if (_advanced is not null && _posHead == _advancedRoot && _advanced.Slot == slot)
        {
            return _advanced;
        }

        var a = _node.Transitions.Advance(_posHead, _forkChoice.SharedState(_posHead)!, slot, _posConfig);
        RecordTransitions(a.Transitions);
        _advancedRoot = _posHead;
        _advanced = a.State;
        return a.State;
    }

    /// <summary>Publishes each transition of the canonical chain not published yet, in order, once.</summary>
    private void RecordTransitions(ImmutableArray<EpochTransition> transitions)
    {
        foreach (var t in transitions)
        {
            if ((long)t.Epoch > _lastRecordedEpoch)
            {
                _lastRecordedEpoch = (long)t.Epoch;
                _slashingFeed.TransitionRecorded(t);
                ChainReload.RecordEpoch(_node.Stores.Chain, t.Epoch);
                SaveAttestationsProcessed();
                Publish(new ChainEvent.EpochTransitioned(t, _posHead, _forkChoice.Block(_posHead)?.Slot ?? 0) { Tally = Tally(t) });
            }
        }
    }

    /// <summary>
    /// The tally of <paramref name="t"/>, on the head's chain (the chain the transition was computed on): the votes this
    /// node saw explain each validator whose target vote did not count; an inclusion counts when the head's chain has
    /// the including block.
    /// </summary>
    private TargetTally? Tally(EpochTransition t) =>
        TargetTally.Compute(t, _posConfig, i => _votesSeen.VotesOf(i, t.Epoch - 1,
            (block, slot) => _forkChoice.AncestorAt(_posHead, slot) == block));

    private void UpdatePosHead()
    {
        var newHead = _forkChoice.GetHead();
        if (newHead == _posHead)
        {
            return;
        }

        var oldHead = _posHead;
        _posHead = newHead;
        var depth = _forkChoice.ReorgDepth(oldHead, newHead);
        if (depth > 0)
        {
            _node.Emit("reorg", "depth", depth, "oldHead", oldHead.ToString(), "newHead", newHead.ToString());
        }

        var h = _forkChoice.SharedState(newHead)!;
        if (_transitionsOf.Remove(newHead, out var crossed))
        {
            RecordTransitions(crossed);
        }

        _node.Emit("head_changed", "root", newHead.ToString(), "slot", h.Slot, "justified", _forkChoice.Justified.Epoch,
            "finalized", _forkChoice.Finalized.Epoch);
        Publish(PosHeadEvent() with { ReorgDepth = depth });
        PruneTransitions(h.Slot);
    }

    private void PruneTransitions(ulong headSlot)
    {
        var window = 4 * _posConfig.SlotsPerEpoch;
        var horizon = headSlot > window ? headSlot - window : 0;
        foreach (var root in _transitionsOf.Keys.Where(r => _forkChoice.SlotOf(r) is not { } slot || slot < horizon).ToList())
        {
            _transitionsOf.Remove(root);
        }
    }

    /// <summary>The clock's milliseconds into the current slot.</summary>
    private ulong MillisIntoPosSlot() => _posConfig.MillisIntoSlot(_genesisMillis, NowMillis());

    private ulong NowMillis() => (ulong)Math.Max(0, _node.Clock.NowMillis);

    /// <summary>
    /// Moves the slot clock and the store's to the clock's now, so that a block's slot and timeliness are checked against
    /// the clock itself, and a block slightly early for its slot is recognised as such. Never moves it back.
    /// </summary>
    private void TickToClock()
    {
        var now = NowMillis();
        if (now <= _genesisMillis)
        {
            return;
        }

        var slot = _posConfig.SlotAt(_genesisMillis, now);
        if (slot < _posSlot)
        {
            return;
        }

        _posSlot = slot;
        _forkChoice.OnTick(slot, _posConfig.MillisIntoSlot(_genesisMillis, now));
    }

    /// <summary>The head state's accounts and base fee: immutable, so subscribers can keep them without copying the state.</summary>
    /// <summary>The current PoS head as subscribers get it.</summary>
    private ChainEvent.PosHeadChanged PosHeadEvent()
    {
        var h = _forkChoice.SharedState(_posHead)!;
        return new ChainEvent.PosHeadChanged(_posHead, h.Slot, _forkChoice.Justified, _forkChoice.Finalized, h.Ledger());
    }

    /// <summary>A fork-choice refusal as Java prints it for events: <c>FUTURE_SLOT (slot 9, current slot 7)</c>.</summary>
    internal static string Describe(ForkChoiceRejection r) => $"{GoldenEnum.Name(r.Reason)} ({r.Detail})";

    /// <summary>What <see cref="GossipVotes"/> reads from and tells through this actor.</summary>
    private sealed class VotesChain(ChainActor chain) : GossipVotes.IChain
    {
        public ulong CurrentSlot => chain._posSlot;

        public BeaconState HeadStateNow() => chain.AdvancedHeadState(chain._posSlot);

        public void Publish(ChainEvent e) => chain.Publish(e);
    }
}
