namespace ActorChain.Core.Pos.Slashing;

/// <summary>The offence a piece of slashing evidence proves (CONSENSUS.md §6).</summary>
public enum SlashingKind
{
    /// <summary>Two headers by one proposer at one slot, with different roots.</summary>
    DoubleProposal,

    /// <summary>Two different votes by one validator with the same target epoch.</summary>
    DoubleVote,

    /// <summary>One vote of a validator surrounds another of its votes.</summary>
    SurroundVote,
}
