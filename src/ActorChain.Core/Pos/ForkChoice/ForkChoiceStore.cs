using ActorChain.Core.Codec;
using ActorChain.Core.Pos.Epoch;
using ActorChain.Core.Pos.Misc;
using ActorChain.Core.Pos.Model;
using ActorChain.Core.Pos.State;

namespace ActorChain.Core.Pos.ForkChoice;

/// <summary>
/// The fork-choice store (CONSENSUS.md §5.6): LMD-GHOST over the justified checkpoint, with proposer boost and the
/// viability filter, as Ethereum's phase0/Altair fork choice without unrealized justification. Mutable, single owner.
/// </summary>
/// <remarks>
/// It holds every block since the finalized one with its post-state; when finality advances, branches that do not
/// descend from the finalized block are dropped and the finalized chain's older blocks are kept without their states.
/// Weights come from the justified checkpoint's state (the justified block's post-state advanced to the checkpoint's
/// start slot): the effective balance of validators active at its epoch, unslashed and not equivocating.
/// </remarks>
public sealed partial class ForkChoiceStore
{
    /// <summary>MAXIMUM_GOSSIP_CLOCK_DISPARITY (as Ethereum): a block this early for its slot is held, not refused.</summary>
    public const ulong MaximumGossipClockDisparityMillis = 500;

    private readonly ConsensusConfig _config;
    private readonly BlockTree _tree;
    private readonly LatestMessages _messages = new();
    private readonly VoteWeights _weights = new();
    private readonly SortedDictionary<ulong, List<Attestation>> _pending = []; // by data.slot, until it is past
    private readonly List<BeaconBlock> _early = []; // blocks held until their slot starts, in arrival order
    private ulong _proposerBoostAmount;

    /// <summary>
    /// The store of Ethereum's <c>get_forkchoice_store</c>: the anchor (the terminal PoW block) with its state;
    /// justified and finalized are <c>Checkpoint(epoch(anchorState.slot), anchorRoot)</c>. The store keeps
    /// <paramref name="anchorState"/> itself: pass a copy.
    /// </summary>
    public ForkChoiceStore(Hash32 anchorRoot, BeaconState anchorState, ConsensusConfig config)
    {
        _config = config;
        _tree = new BlockTree(new BlockNode(anchorRoot, anchorState.Slot, null, anchorState, null));
        Justified = new Checkpoint(config.EpochOf(anchorState.Slot), anchorRoot);
        Finalized = Justified;
        CurrentSlot = anchorState.Slot;
        UpdateJustifiedBalances();
    }

    /// <summary>The store's justified checkpoint.</summary>
    public Checkpoint Justified { get; private set; }

    /// <summary>The store's finalized checkpoint.</summary>
    public Checkpoint Finalized { get; private set; }

    /// <summary>The current slot by the clock.</summary>
    public ulong CurrentSlot { get; private set; }

    /// <summary>The milliseconds into the current slot at the last tick.</summary>
    public ulong MillisIntoSlot { get; private set; }

    /// <summary>This slot's boost root, or null when no timely block of the current slot earned it.</summary>
    public Hash32? ProposerBoostRoot { get; private set; }

    /// <summary>The equivocating validators, ascending.</summary>
    public IReadOnlyList<ulong> Equivocating => [.. _messages.Equivocating.Select(v => (ulong)v)];

    /// <summary>
    /// The preconditions of <c>onBlock</c> that need no post-state, first failure wins: the parent is known, the slot
    /// is not after the current slot, it is after the finalized checkpoint's start slot, and the block descends from
    /// the finalized root. Call it before block processing.
    /// </summary>
    public ForkChoiceRejection? CheckBlock(BeaconBlock b)
    {
        if (_tree.Node(b.ParentRoot) is not { } parent)
        {
            return new(ForkChoiceInvalidReason.UnknownParent, $"parent {b.ParentRoot}");
        }

        if (b.Slot > CurrentSlot)
        {
            var early = IsEarlyWithinClockDisparity(b.Slot) ? " (early within the clock disparity: hold it)" : "";
            return new(ForkChoiceInvalidReason.FutureSlot, $"slot {b.Slot}, current slot {CurrentSlot}{early}");
        }

        var finalizedSlot = _config.StartSlot(Finalized.Epoch);
        if (b.Slot <= finalizedSlot)
        {
            return new(ForkChoiceInvalidReason.NotAfterFinalized, $"slot {b.Slot}, finalized start slot {finalizedSlot}");
        }

        var ancestor = BlockTree.AncestorAt(parent, finalizedSlot).Root;
        return ancestor == Finalized.Root
            ? null
            : new(ForkChoiceInvalidReason.NotDescendantOfFinalized,
                $"ancestor at slot {finalizedSlot} is {ancestor}, finalized {Finalized}");
    }

    /// <summary>
    /// Adds <paramref name="b"/> with the post-state block processing computed (the store keeps it). After
    /// <see cref="CheckBlock"/>: the first timely block of the current slot becomes the boost root; a newer justified
    /// or finalized checkpoint is taken (with phase0's <c>on_block</c> rule for a justified checkpoint the new
    /// finalized one leaves out); finality prunes; the offenders of its attester slashings become equivocating. A block
    /// already known is a no-op.
    /// </summary>
    public ForkChoiceRejection? OnBlock(BeaconBlock b, BeaconState postState, bool arrivedBeforeAttestationDeadline)
    {
        if (_tree.Node(b.Root) is not null)
        {
            return null;
        }

        if (CheckBlock(b) is { } refused)
        {
            return refused;
        }

        AddChecked(b, postState, arrivedBeforeAttestationDeadline);
        return null;
    }

    /// <summary><see cref="OnBlock"/> for a block the store does not hold and <see cref="CheckBlock"/> accepted since the last tick.</summary>
    internal void AddChecked(BeaconBlock b, BeaconState postState, bool arrivedBeforeAttestationDeadline)
    {
        var root = b.Root;
        _tree.Add(new BlockNode(root, b.Slot, b, postState, _tree.Node(b.ParentRoot)));
        if (b.Slot == CurrentSlot && arrivedBeforeAttestationDeadline && ProposerBoostRoot is null)
        {
            ProposerBoostRoot = root;
        }

        var newJustified = postState.CurrentJustified.Epoch > Justified.Epoch;
        if (newJustified)
        {
            Justified = postState.CurrentJustified;
        }

        if (postState.Finalized.Epoch > Finalized.Epoch)
        {
            Finalized = postState.Finalized;
            if (!newJustified && !DescendsFromFinalized(Justified.Root))
            {
                // Ethereum phase0 on_block: a justified checkpoint on a branch the new finalized one leaves out (only
                // after conflicting finality) gives way to the block's, or the head could never leave the dead branch.
                Justified = postState.CurrentJustified;
                newJustified = true;
            }

            _tree.PruneTo(Finalized.Root);
        }

        if (newJustified)
        {
            UpdateJustifiedBalances();
        }

        foreach (var s in b.Body.AttesterSlashings)
        {
            OnAttesterSlashing([s.Offender]);
        }
    }

    /// <summary>
    /// An attestation from gossip or from a block (§5.6 <c>onAttestation</c>; the golden <c>forkchoice</c> family gives
    /// the check order). It counts from <c>data.slot + 1</c> on: until then it waits (and the answer is null). Then,
    /// unless the validator is equivocating, it replaces the validator's latest message if its target epoch is newer.
    /// </summary>
    public ForkChoiceRejection? OnAttestation(Attestation a, bool fromBlock)
    {
        var d = a.Data;
        if (CheckAttestation(a, fromBlock) is { } refused)
        {
            return refused;
        }

        if (CurrentSlot <= d.Slot)
        {
            if (!_pending.TryGetValue(d.Slot, out var waiting))
            {
                waiting = [];
                _pending[d.Slot] = waiting;
            }

            waiting.Add(a);
            return null;
        }

        var v = (int)a.ValidatorIndex;
        var previous = _messages.Root(v);
        if (_messages.Update(v, d.Target.Epoch, d.HeadRoot))
        {
            _weights.Move(v, previous, d.HeadRoot);
        }

        return null;
    }

    /// <summary>
    /// The validators of valid attester-slashing evidence are equivocating: their weight leaves every block, and they
    /// never get a latest message again. An index no registry can hold (above 2^31 − 1) weighs nothing already.
    /// </summary>
    public void OnAttesterSlashing(IEnumerable<ulong> indices)
    {
        foreach (var index in indices.Where(i => i <= int.MaxValue))
        {
            var v = (int)index;
            var previous = _messages.Root(v);
            _messages.MarkEquivocating(v);
            _weights.Move(v, previous, null);
        }
    }

    private ForkChoiceRejection? CheckAttestation(Attestation a, bool fromBlock)
    {
        var d = a.Data;
        var targetEpoch = d.Target.Epoch;
        if (!fromBlock)
        {
            var current = _config.EpochOf(CurrentSlot);
            var previous = current == 0 ? 0 : current - 1;
            if (targetEpoch > current)
            {
                return new(ForkChoiceInvalidReason.FutureTarget, $"target epoch {targetEpoch}, current epoch {current}");
            }

            if (targetEpoch < previous)
            {
                return new(ForkChoiceInvalidReason.TargetEpochTooOld, $"target epoch {targetEpoch}, previous epoch {previous}");
            }
        }

        if (_config.EpochOf(d.Slot) != targetEpoch)
        {
            return new(ForkChoiceInvalidReason.TargetEpochNotSlotEpoch, $"target epoch {targetEpoch}, slot {d.Slot}");
        }

        if (_tree.Node(d.Target.Root) is null)
        {
            return new(ForkChoiceInvalidReason.UnknownTargetBlock, $"target {d.Target}");
        }

        if (_tree.Node(d.HeadRoot) is not { } head)
        {
            return new(ForkChoiceInvalidReason.UnknownHeadBlock, $"head {d.HeadRoot}");
        }

        if (head.Slot > d.Slot)
        {
            return new(ForkChoiceInvalidReason.HeadAfterAttestationSlot, $"head slot {head.Slot}, attestation slot {d.Slot}");
        }

        var checkpointBlock = BlockTree.AncestorAt(head, _config.StartSlot(targetEpoch)).Root;
        if (checkpointBlock != d.Target.Root)
        {
            return new(ForkChoiceInvalidReason.TargetNotAncestorOfHead,
                $"target {d.Target}, head's ancestor at the epoch start is {checkpointBlock}");
        }

        return a.ValidatorIndex < (ulong)head.State.ValidatorCount
            ? null
            : new(ForkChoiceInvalidReason.UnknownValidator, $"validator index {a.ValidatorIndex}, registry size {head.State.ValidatorCount}");
    }

    /// <summary>Balances and boost from the justified checkpoint's state; kept as they were if its block is not held.</summary>
    private void UpdateJustifiedBalances()
    {
        if (_tree.Node(Justified.Root) is not { } node)
        {
            return;
        }

        var s = node.State;
        var startSlot = _config.StartSlot(Justified.Epoch);
        if (s.Slot < startSlot)
        {
            s = s.Copy();
            SlotProcessing.ProcessSlots(s, startSlot, _config, trace: false);
        }

        var epoch = Accessors.CurrentEpoch(s, _config);
        var balances = new ulong[s.ValidatorCount];
        for (var v = 0; v < balances.Length; v++)
        {
            var val = s.Validators[v];
            balances[v] = val.IsActive(epoch) && !val.Slashed ? val.EffectiveBalance : 0;
        }

        _weights.Rebuild(balances, _messages);
        _proposerBoostAmount = Accessors.TotalActiveBalance(s, _config) / _config.SlotsPerEpoch * _config.ProposerScoreBoost / 100;
    }
}
