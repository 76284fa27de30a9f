namespace ActorChain.Core.Pos.Misc;

/// <summary>
/// What <see cref="Mutators.SlashValidator"/> did, for logs and events. Amounts are gwei: <c>Penalty</c> is what left
/// the slashed validator's balance; <c>WhistleblowerReward</c> (<c>w − pr</c>) and <c>ProposerReward</c>
/// (<c>pr = w × PROPOSER_WEIGHT // WEIGHT_DENOMINATOR</c>, <c>w = effBal // WHISTLEBLOWER_REWARD_QUOTIENT</c>) what each
/// was credited. When the whistleblower is the proposer it receives both.
/// </summary>
public sealed record SlashingOutcome(
    int ValidatorIndex,
    ulong Penalty,
    int WhistleblowerIndex,
    ulong WhistleblowerReward,
    int ProposerIndex,
    ulong ProposerReward,
    ulong ExitEpoch,
    ulong WithdrawableEpoch);
