using ActorChain.Core.Pos.Slashing;

namespace ActorChain.Core.Pos.Block;

/// <summary>
/// A slashing a block applied (CONSENSUS.md §5.4 step 4), for event logs: the slashed validator, the offence, the
/// immediate penalty taken from its balance, and who was paid what (the whistleblower is the block's proposer:
/// evidence in a block has no other whistleblower).
/// </summary>
public sealed record SlashingApplied(int ValidatorIndex, SlashingKind Kind, ulong Penalty, int WhistleblowerIndex,
    ulong WhistleblowerReward, ulong ProposerReward);
