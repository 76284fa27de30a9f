using ActorChain.Core.Codec;

namespace ActorChain.Core.Pos.Model;

/// <summary>
/// Slashing evidence (CONSENSUS.md §5.2): a <see cref="ProposerSlashing"/> or an <see cref="AttesterSlashing"/>.
/// Each names one offender; its <see cref="Root"/> identifies it on gossip.
/// </summary>
public interface ISlashingEvidence : ICanonical
{
    /// <summary>The accused validator: the first header's proposer, or the first attestation's validator.</summary>
    ulong Offender { get; }

    /// <summary>H(canonical).</summary>
    Hash32 Root { get; }
}
