using System.Collections.Immutable;
using ActorChain.Core.Ledger;
using ActorChain.Core.Pos.Model;
using ActorChain.Core.Pos.State;
using ActorChain.Core.Transactions;
using ActorChain.Core.Codec;
using Address = ActorChain.Core.Crypto.Address;
using ActorChain.Core.TxPool;
using Akka.Actor;
using Akka.Event;

namespace ActorChain.Node.Chain;

/// <summary>
/// Pending transactions, votes and slashing evidence, offered to miners and proposers (core's <see cref="Mempool"/>
/// decides), pruned on every new head (CONSENSUS.md §5.7).
/// </summary>
public sealed partial class MempoolActor : ReceiveActor
{
    /// <summary>Submit a transaction (<paramref name="FromNode"/> -1: from a local client); <paramref name="ReplyTo"/> may be <see cref="ActorRefs.Nobody"/>.</summary>
    public sealed record Submit(Transaction Tx, int FromNode, IActorRef ReplyTo) : INoSerializationVerificationNeeded;

    /// <summary>The answer to <see cref="Submit"/>.</summary>
    public sealed record SubmitResult(Transaction Tx, AddResult Outcome) : INoSerializationVerificationNeeded;

    /// <summary>Reply with <see cref="Selected"/>: up to <paramref name="Max"/> transactions valid on <paramref name="State"/>.</summary>
    public sealed record Select(LedgerState State, int Max, long RequestId, IActorRef ReplyTo) : INoSerializationVerificationNeeded;

    /// <summary>The answer to <see cref="Select"/>.</summary>
    public sealed record Selected(ImmutableArray<Transaction> Transactions, long RequestId) : INoSerializationVerificationNeeded;

    /// <summary>Reply with everything a proposer may include in a beacon block on <paramref name="State"/>.</summary>
    public sealed record SelectForBeaconBlock(BeaconState State, IActorRef ReplyTo) : INoSerializationVerificationNeeded;

    /// <summary>The answer to <see cref="SelectForBeaconBlock"/> (core picks what is valid and new).</summary>
    public sealed record BeaconCandidates(ImmutableArray<Attestation> Attestations, ImmutableArray<ProposerSlashing> ProposerSlashings,
        ImmutableArray<AttesterSlashing> AttesterSlashings, ImmutableArray<Transaction> Transactions) : INoSerializationVerificationNeeded;

    /// <summary>Verified slashing evidence (CONSENSUS.md §6), offered to proposers until its offender is slashed; one per offender.</summary>
    public sealed record AddSlashing(ISlashingEvidence Evidence) : INoSerializationVerificationNeeded;

    /// <summary>Reply with the number of pending transactions (an <c>int</c>).</summary>
    public sealed record GetSize(IActorRef ReplyTo) : INoSerializationVerificationNeeded;

    /// <summary>Reply with an <see cref="AccountView"/> of <paramref name="Address"/> in the live head state, counting its pending transactions.</summary>
    public sealed record GetAccount(Address Address, IActorRef ReplyTo) : INoSerializationVerificationNeeded;

    /// <summary>
    /// The answer to <see cref="GetAccount"/>: the account in the head state the pool checks against (PoW: the state a
    /// block on the head starts from; PoS: the head's ledger), and <paramref name="PendingNonce"/>, the next nonce after
    /// the sender's pending transactions that follow on from its account's nonce (<paramref name="Pending"/> of them).
    /// </summary>
    public sealed record AccountView(Account Account, ulong PendingNonce, int Pending) : INoSerializationVerificationNeeded;

    /// <summary>Told to the node's guardian for every accepted transaction, to flood it to peers but <paramref name="FromNode"/>.</summary>
    public sealed record Accepted(Transaction Tx, int FromNode) : INoSerializationVerificationNeeded;

    private static readonly ImmutableHashSet<ChainEventKind> Kinds =
    [
        ChainEventKind.Head, ChainEventKind.Reorg, ChainEventKind.PosHead,
        ChainEventKind.Attestation, ChainEventKind.LocalAttestation,
    ];

    private readonly NodeContext _node;
    private readonly Mempool _pool;
    private readonly IActorRef _gossip;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly PendingSlashings _slashings;

    /// <summary>
    /// Votes that may still be included, by slot, then in arrival order (packing orders its candidates itself); pruned
    /// once past their inclusion window.
    /// </summary>
    private readonly SortedDictionary<ulong, SlotVotes> _attestations = [];
    private LedgerState _headState;
    private ImmutableArray<Transaction> _abandoned = [];

    /// <summary>The mempool of <paramref name="node"/>: subscribes to <paramref name="chain"/>; accepted transactions go to <paramref name="gossip"/>.</summary>
    public static Props Create(NodeContext node, IActorRef chain, IActorRef gossip)
    {
        ArgumentNullException.ThrowIfNull(node);
        ArgumentNullException.ThrowIfNull(chain);
        ArgumentNullException.ThrowIfNull(gossip);
        return Props.Create(() => new MempoolActor(node, chain, gossip));
    }

    /// <summary>Use <see cref="Create"/>; public for Akka's props activator.</summary>
    public MempoolActor(NodeContext node, IActorRef chain, IActorRef gossip)
    {
        _node = node;
        _pool = new Mempool(node.Settings.Mempool);
        _gossip = gossip;
        _headState = node.Settings.GenesisLedger();
        _slashings = new PendingSlashings(node.Settings.Consensus.Config);
        chain.Tell(new ChainActor.Subscribe(Self, Kinds));
        Receive<Submit>(OnSubmit);
        Receive<Select>(OnSelect);
        Receive<GetSize>(OnGetSize);
        Receive<GetAccount>(OnGetAccount);
        Receive<SelectForBeaconBlock>(OnSelectForBeaconBlock);
        Receive<AddSlashing>(OnAddSlashing);
        Receive<ChainEvent>(OnChainEvent);
    }

    private void OnSubmit(Submit s)
    {
        var r = _pool.Add(s.Tx, _headState);
        if (r is AddResult.Rejected rej)
        {
            _log.Debug("reject tx {0} from node {1}: {2} ({3})", s.Tx.Id.ShortHex(), s.FromNode, rej.Rejection.Kind,
                rej.Rejection.Detail);
        }
        else
        {
            _gossip.Tell(new Accepted(s.Tx, s.FromNode));
            if (s.FromNode < 0)
            {
                _node.Emit("tx_accepted", "id", s.Tx.Id.ToString());
            }
        }

        if (s.ReplyTo is not null && !s.ReplyTo.IsNobody())
        {
            s.ReplyTo.Tell(new SubmitResult(s.Tx, r));
        }
    }

    private void OnSelect(Select s) => s.ReplyTo.Tell(new Selected(_pool.Select(s.State, s.Max), s.RequestId));

    private void OnSelectForBeaconBlock(SelectForBeaconBlock s)
    {
        var ledger = s.State.Ledger();
        var pooled = ImmutableArray.CreateBuilder<Attestation>();
        foreach (var bySlot in _attestations.Values)
        {
            pooled.AddRange(bySlot.InOrder);
        }

        _slashings.Prune(s.State);
        s.ReplyTo.Tell(new BeaconCandidates(pooled.DrainToImmutable(), _slashings.ProposerSlashings(),
            _slashings.AttesterSlashings(), _pool.Select(ledger, Fees.MaxTxsPerBlock)));
    }

    private void OnAddSlashing(AddSlashing a)
    {
        if (!_slashings.Add(a.Evidence))
        {
            _log.Debug("node {0}: slashing evidence against validator {1} not kept: {2}", _node.NodeId, a.Evidence.Offender,
                _slashings.IsFull ? "the pool is full" : "evidence against it is held already");
        }
    }

    private void OnGetSize(GetSize g) => g.ReplyTo.Tell(_pool.Count);

    private void OnGetAccount(GetAccount g)
    {
        var account = _headState.Account(g.Address);
        var nonces = new HashSet<ulong>();
        foreach (var tx in _pool.All())
        {
            if (tx.Sender == g.Address && tx switch { Transfer t => t.Nonce, Deposit d => d.Nonce, _ => (ulong?)null } is { } n)
            {
                nonces.Add(n);
            }
        }

        var next = account.Nonce;
        while (nonces.Contains(next))
        {
            next++;
        }

        g.ReplyTo.Tell(new AccountView(account, next, (int)(next - account.Nonce)));
    }

    private void OnChainEvent(ChainEvent e)
    {
        switch (e)
        {
            case ChainEvent.AttestationsImported votes:
                foreach (var a in votes.Attestations)
                {
                    var slot = a.Attestation.Data.Slot;
                    if (!_attestations.TryGetValue(slot, out var bySlot))
                    {
                        bySlot = new SlotVotes(VotesPerSlot());
                        _attestations.Add(slot, bySlot);
                    }

                    bySlot.Add(a.Attestation);
                }

                break;
            case ChainEvent.PosHeadChanged h:
                PruneVotesBefore(h.Slot);
                _headState = h.Ledger;
                _pool.OnNewHead(_headState);
                break;
            case ChainEvent.Reorged r:
                _abandoned = r.Abandoned; // re-offered once the new head's state is known
                break;
            case ChainEvent.HeadChanged hc:
                _headState = hc.Next.State;
                _pool.OnNewHead(_headState);
                foreach (var tx in _abandoned)
                {
                    _pool.Add(tx, _headState); // those already on the new branch fail their nonce check and are dropped
                }

                _abandoned = [];
                break;
        }
    }

    /// <summary>Drops the votes of slots below <c>headSlot − SLOTS_PER_EPOCH − 1</c>: past their inclusion window.</summary>
    private void PruneVotesBefore(ulong headSlot)
    {
        if (headSlot < SlotsPerEpoch + 1)
        {
            return;
        }

        var cutoff = headSlot - SlotsPerEpoch - 1;
        while (_attestations.Count > 0)
        {
            var first = _attestations.Keys.First();
            if (first >= cutoff)
            {
                break;
            }

            _attestations.Remove(first);
        }
    }

    private ulong SlotsPerEpoch => _node.Settings.Consensus.Config.SlotsPerEpoch;

    /// <summary>About one slot's votes: one committee's worth of the genesis validators (sets grow past it if need be).</summary>
    private int VotesPerSlot() => (int)Math.Min(4096UL, 8 + ((ulong)_node.Settings.Validators.Length / Math.Max(1UL, SlotsPerEpoch)));

    /// <summary>The votes of one slot, each root once, in arrival order.</summary>
    private sealed class SlotVotes(int capacity)
    {
        private readonly HashSet<Hash32> _roots = new(capacity); // membership only
        private readonly List<Attestation> _inOrder = new(capacity);

        public IReadOnlyList<Attestation> InOrder => _inOrder;

        public void Add(Attestation a)
        {
            if (_roots.Add(a.Root))
            {
                _inOrder.Add(a);
            }
        }
    }
}
