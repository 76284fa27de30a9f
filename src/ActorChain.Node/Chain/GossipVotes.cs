using System.Collections.Immutable;
using ActorChain.Core.Conformance.Golden;
using ActorChain.Core.Codec;
using ActorChain.Core.Pos;
using ActorChain.Core.Pos.Block;
using ActorChain.Core.Pos.ForkChoice;
using ActorChain.Core.Pos.Model;
using ActorChain.Core.Pos.State;
using ActorChain.Core.Transactions;
using ActorChain.Node.Network;
using Akka.Event;

namespace ActorChain.Node.Chain;

/// <summary>
/// The beacon chain's intake of gossiped votes: each new root once, core's gossip validation on the head state at the
/// clock's slot, the slasher's feed, fork choice, a wait for a block the vote names that has not come yet, and one
/// <see cref="ChainEvent.AttestationsImported"/> per message for what counted. A plain helper the chain actor owns and
/// calls on its own turn.
/// </summary>
internal sealed class GossipVotes
{
    /// <summary>Roots remembered for dedupe: room for two epochs of votes from every validator, twice over, within bounds.</summary>
    public const int SeenCapacity = 1 << 16;

    /// <summary>The fewest roots remembered.</summary>
    public const int MinSeen = 4096;

    /// <summary>Votes that arrived before a block they name, held until it comes (as Ethereum clients queue them).</summary>
    public const int MaxWaitingVotes = 8192;

    private readonly NodeContext _node;
    private readonly ConsensusConfig _config;
    private readonly ForkChoiceStore _store;
    private readonly SignatureCheck _sigs;
    private readonly SlashingFeed _slashing;
    private readonly ILoggingAdapter _log;
    private readonly IChain _chain;
    private readonly RecentIds _seen;
    private readonly WaitingVotes _waiting = new(MaxWaitingVotes);
    private readonly VotesSeen _votesSeen;

    /// <summary>A helper for the chain actor's fork-choice store and slashing feed.</summary>
    public GossipVotes(NodeContext node, ConsensusConfig config, ForkChoiceStore store, SignatureCheck sigs, SlashingFeed slashing,
        ILoggingAdapter log, int validatorCount, IChain chain, VotesSeen votesSeen)
    {
        _votesSeen = votesSeen;
        _node = node;
        _config = config;
        _store = store;
        _sigs = sigs;
        _slashing = slashing;
        _log = log;
        _chain = chain;
        _seen = new RecentIds(Math.Max(MinSeen, Math.Min(SeenCapacity, 4 * validatorCount)));
    }

    /// <summary>What the owning actor provides.</summary>
    public interface IChain
    {
        /// <summary>The clock's slot.</summary>
        ulong CurrentSlot { get; }

        /// <summary>The head state advanced to the clock's slot (read-only).</summary>
        BeaconState HeadStateNow();

        /// <summary>Publishes to the chain's subscribers.</summary>
        void Publish(ChainEvent e);
    }

    /// <summary>How many gossiped votes fork choice took in.</summary>
    public long Processed { get; private set; }

    /// <summary>Imports the votes of one message not seen before, in order, and publishes those that count as one event.</summary>
    public void ImportMessage(ImmutableArray<Attestation> attestations, int fromNode)
    {
        var counted = ImmutableArray.CreateBuilder<AttestationImported>(attestations.Length);
        foreach (var a in attestations)
        {
            if (_seen.Add(a.Root))
            {
                Process(a, fromNode, counted);
            }
        }

        Publish(fromNode, counted);
    }

    /// <summary>Block <paramref name="root"/> came: the votes that waited for it are imported now.</summary>
    public void BlockArrived(Hash32 root)
    {
        foreach (var v in _waiting.Release(root))
        {
            var counted = ImmutableArray.CreateBuilder<AttestationImported>(1);
            Process(v.Attestation, v.FromNode, counted);
            Publish(v.FromNode, counted);
        }
    }

    /// <summary>Votes still waiting for a block and older than <paramref name="slot"/> can no longer count: they are dropped.</summary>
    public void DropWaitingOlderThan(ulong slot) => _waiting.DropOlderThan(slot);

    private void Publish(int fromNode, ImmutableArray<AttestationImported>.Builder counted)
    {
        if (counted.Count > 0)
        {
            _chain.Publish(new ChainEvent.AttestationsImported(fromNode, counted.DrainToImmutable()));
        }
    }

    private void Process(Attestation a, int fromNode, ImmutableArray<AttestationImported>.Builder counted)
    {
        var state = _chain.HeadStateNow();
        if (AttestationRules.ValidateForGossip(state, a, _chain.CurrentSlot, _config, _sigs) is { } bad)
        {
            Reject(a, fromNode, GoldenEnum.Name(bad.Reason), bad.Detail);
            if (_slashing.AttestationRefused(state, a, bad.Reason) && bad.Reason == AttestationInvalidReason.WrongSource)
            {
                _votesSeen.Seen(a, _chain.CurrentSlot); // signed by its validator: a vote it made, for the tally's wrong-source
            }

            return;
        }

        _slashing.AttestationVerified(a);
        _votesSeen.Seen(a, _chain.CurrentSlot);
        if (_store.OnAttestation(a, fromBlock: false) is { } refused)
        {
            Hash32? missing = refused.Reason switch
            {
                ForkChoiceInvalidReason.UnknownHeadBlock => a.Data.HeadRoot,
                ForkChoiceInvalidReason.UnknownTargetBlock => a.Data.Target.Root,
                _ => null,
            };
            if (missing is not { } root || !_waiting.Hold(root, a, fromNode))
            {
                Reject(a, fromNode, "FORK_CHOICE", ChainActor.Describe(refused));
            }

            return;
        }

        Processed++;
        var stake = state.Validators[(int)a.ValidatorIndex].EffectiveBalance;
        counted.Add(new AttestationImported(a, stake, fromNode, FromBlock: false));
    }

    private void Reject(Attestation a, int fromNode, string reason, string detail)
    {
        _log.Debug("node {0}: reject attestation of validator {1} for slot {2} from node {3}: {4} ({5})", _node.NodeId,
            a.ValidatorIndex, a.Data.Slot, fromNode, reason, detail);
        _node.Emit("attestation_rejected", "validator", a.ValidatorIndex, "slot", a.Data.Slot, "from", fromNode,
            "reason", reason, "detail", detail);
    }
}
