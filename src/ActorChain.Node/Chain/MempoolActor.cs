using System.Collections.Immutable;
using ActorChain.Core.Ledger;
using ActorChain.Core.Pos.Model;
using ActorChain.Core.Pos.State;
using ActorChain.Core.Transactions;
using ActorChain.Core.TxPool;
using Akka.Actor;

namespace ActorChain.Node.Chain;

/// <summary>Pending transactions, votes and slashing evidence, offered to miners and proposers (core's <see cref="Mempool"/> decides).</summary>
public sealed partial class MempoolActor : ReceiveActor
{
    /// <summary>Submit a transaction (<paramref name="FromNode"/> -1: from a local client); <paramref name="ReplyTo"/> may be <see cref="ActorRefs.Nobody"/>.</summary>
    public sealed record Submit(Transaction Tx, int FromNode, IActorRef ReplyTo) : INoSerializationVerificationNeeded;

    /// <summary>The answer to <see cref="Submit"/>.</summary>
    public sealed record SubmitResult(Transaction Tx, AddResult Result) : INoSerializationVerificationNeeded;

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

    /// <summary>Told to the node's guardian for every accepted transaction, to flood it to peers but <paramref name="FromNode"/>.</summary>
    public sealed record Accepted(Transaction Tx, int FromNode) : INoSerializationVerificationNeeded;
}
