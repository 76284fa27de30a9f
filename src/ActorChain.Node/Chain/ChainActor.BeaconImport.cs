using System.Collections.Immutable;
using ActorChain.Core.Conformance.Golden;
using ActorChain.Core.Pos.Block;
using ActorChain.Core.Pos.ForkChoice;
using ActorChain.Core.Pos.Model;
using Akka.Event;

namespace ActorChain.Node.Chain;

/// <summary>The beacon behaviour's block import (CONSENSUS.md §5.6, the node's import order): orphans, early blocks, events.</summary>
public sealed partial class ChainActor
{
    private void OnImportBeaconBlock(ImportBeaconBlock m)
    {
        TickToClock();
        ImportDueBlocks();
        ImportWithDescendants(m.Block, m.FromNode);
        UpdatePosHead();
    }

    /// <summary>The blocks held for being early whose slot has started, in arrival order (the head is updated by the caller).</summary>
    private void ImportDueBlocks()
    {
        foreach (var b in _forkChoice.TakeDueBlocks())
        {
            _earlyFrom.Remove(b.Root, out var fromNode);
            ImportWithDescendants(b, fromNode);
        }
    }

    /// <summary>Imports <paramref name="block"/>, then the orphans that waited for it, breadth first.</summary>
    private void ImportWithDescendants(BeaconBlock block, int fromNode) =>
        _beaconOrphans.ImportWithDescendants(block, fromNode, (b, from) =>
        {
            if (!ImportOneBeaconBlock(b, from)) return false;
            _gossipVotes.BlockArrived(b.Root); // the votes that waited for it
            SaveAttestationsProcessed();
            return true;
        });

    /// <summary>One block through core's <see cref="BlockImport"/>; true when it joined the store.</summary>
    private bool ImportOneBeaconBlock(BeaconBlock block, int fromNode)
    {
        if (_forkChoice.Contains(block.Root))
        {
            return false;
        }

        if (_forkChoice.SharedState(block.ParentRoot) is not { } parent)
        {
            if (block.Slot <= _posConfig.StartSlot(_forkChoice.Finalized.Epoch))
            {
                return false; // older than finality: never importable
            }

            _beaconOrphans.Add(new(block, fromNode));
            if (!_reimporting)
            {
                Publish(new ChainEvent.BeaconAncestorMissing(_beaconOrphans.MissingRootOf(block.ParentRoot), block.Root, fromNode));
            }

            return false;
        }

        var outcome = BlockImport.Import(_forkChoice, block, _posConfig, _beaconSigs, _node.Transitions);
        switch (outcome.Status)
        {
            case BlockImportStatus.Known:
                return false;
            case BlockImportStatus.RefusedByForkChoice:
                if (!(outcome.Refusal!.Reason == ForkChoiceInvalidReason.FutureSlot && HoldEarly(block, fromNode)))
                {
                    // A block still refused for its slot names FUTURE_SLOT itself (clocks of processes differ; issue 12).
                    var refusedAs = outcome.Refusal.Reason == ForkChoiceInvalidReason.FutureSlot ? "FUTURE_SLOT" : "FORK_CHOICE";
                    RejectBeaconBlock(block, fromNode, refusedAs, Describe(outcome.Refusal));
                }

                return false;
            case BlockImportStatus.InvalidTransition:
                var invalid = outcome.Invalid!;
                RejectBeaconBlock(block, fromNode, GoldenEnum.Name(invalid.Reason), invalid.Detail);
                if (invalid.Reason != BlockInvalidReason.BadProposerSignature)
                {
                    _slashingFeed.BlockRefused(parent, block, _posSlot);
                }

                return false;
        }

        var applied = outcome.Applied!;
        _votesSeen.Included(block, _posSlot);
        _slashingFeed.SlashingsApplied(block, applied);
        _transitionsOf[block.Root] = applied.Transitions;
        if (_reimporting)
        {
            return true;
        }

        _node.Stores.Chain.PutBeaconBlock(block); // parents first: the order a restarted node re-imports them in
        StoreFinalized();
        _node.Emit("block_imported", "root", block.Root.ToString(), "slot", block.Slot, "proposer", block.ProposerIndex,
            "from", fromNode, "attestations", block.Body.Attestations.Length, "parent", block.ParentRoot.ToString());
        Publish(new ChainEvent.BeaconBlockImported(block, fromNode));
        PublishBlockAttestations(block, outcome, fromNode);
        return true;
    }

    /// <summary>The block's votes that fork choice took in (or queued for their slot to pass), as one event.</summary>
    private void PublishBlockAttestations(BeaconBlock block, BlockImportOutcome outcome, int fromNode)
    {
        var attestations = block.Body.Attestations;
        var post = outcome.Applied!.PostState;
        var counted = ImmutableArray.CreateBuilder<AttestationImported>(attestations.Length);
        for (var i = 0; i < attestations.Length; i++)
        {
            if (outcome.Attestations[i] is null)
            {
                var a = attestations[i];
                _blockAttestationsProcessed++;
                counted.Add(new AttestationImported(a, post.Validators[(int)a.ValidatorIndex].EffectiveBalance, fromNode, FromBlock: true));
            }
        }

        if (counted.Count > 0)
        {
            SaveAttestationsProcessed();
            Publish(new ChainEvent.BlockAttestationsImported(block.Root, counted.DrainToImmutable()));
        }
    }

    /// <summary>Holds a block early for its slot within the clock disparity (§5.6), up to <see cref="MaxEarlyBlocks"/>.</summary>
    private bool HoldEarly(BeaconBlock block, int fromNode)
    {
        if (_earlyFrom.ContainsKey(block.Root))
        {
            return true;
        }

        if (_earlyFrom.Count >= MaxEarlyBlocks || !_forkChoice.HoldEarlyBlock(block))
        {
            return false;
        }

        _earlyFrom[block.Root] = fromNode;
        return true;
    }

    /// <summary>The finalized checkpoint, stored when fork choice moved it on (only block import does).</summary>
    private void StoreFinalized()
    {
        var finalized = _forkChoice.Finalized;
        if (finalized.Epoch > _storedFinalizedEpoch)
        {
            _storedFinalizedEpoch = finalized.Epoch;
            _node.Stores.Chain.PutFinalized(finalized);
        }
    }

    private void RejectBeaconBlock(BeaconBlock block, int fromNode, string reason, string detail)
    {
        if (_reimporting)
        {
            _beaconLog.Debug("node {0}: stored beacon block {1} at slot {2} not re-imported: {3} ({4})", _node.NodeId,
                block.Root.ShortHex(), block.Slot, reason, detail);
            return;
        }

        _beaconLog.Debug("node {0}: reject beacon block {1} at slot {2} from node {3}: {4} ({5})", _node.NodeId,
            block.Root.ShortHex(), block.Slot, fromNode, reason, detail);
        _node.Emit("block_rejected", "root", block.Root.ToString(), "slot", block.Slot, "from", fromNode, "reason", reason,
            "detail", detail);
        Publish(new ChainEvent.BlockRejected(block.Root, reason, detail, fromNode));
    }
}
