namespace ActorChain.Core.Pos;

/// <summary>
/// The constants of CONSENSUS.md §1, set together by a preset (<see cref="Minimal"/>, <see cref="Mainnet"/>,
/// <see cref="Tutorial"/>) and one by one by spec name (<see cref="WithOverride"/>). Amounts are gwei.
/// </summary>
public sealed partial record ConsensusConfig
{
    /// <summary>2^64 − 1: an epoch that never comes.</summary>
    public const ulong FarFutureEpoch = ulong.MaxValue;

    /// <summary>Participation flag index of a timely source vote (§1 Weights).</summary>
    public const int TimelySourceFlagIndex = 0;

    /// <summary>Participation flag index of a timely target vote (§1 Weights).</summary>
    public const int TimelyTargetFlagIndex = 1;

    /// <summary>Participation flag index of a timely head vote (§1 Weights).</summary>
    public const int TimelyHeadFlagIndex = 2;

    /// <summary>The proposer's weight (§1 Weights).</summary>
    public const ulong ProposerWeight = 8;

    /// <summary>The weights' denominator (§1 Weights).</summary>
    public const ulong WeightDenominator = 64;

    private const ulong GweiPerCoin = 1_000_000_000;

    /// <summary>The flag weights SOURCE, TARGET, HEAD, by flag index (§1 Weights).</summary>
    public static ReadOnlySpan<ulong> ParticipationFlagWeights => [14, 26, 14];

    /// <summary>The preset these constants started from: <c>minimal</c>, <c>mainnet</c> or <c>tutorial</c>.</summary>
    public string Preset { get; init; } = "minimal";

    /// <summary>SLOTS_PER_EPOCH.</summary>
    public ulong SlotsPerEpoch { get; init; } = 8;

    /// <summary>SECONDS_PER_SLOT (real-time mode).</summary>
    public ulong SecondsPerSlot { get; init; } = 1;

    /// <summary>SHUFFLE_ROUND_COUNT.</summary>
    public ulong ShuffleRoundCount { get; init; } = 10;

    /// <summary>TARGET_COMMITTEE_SIZE.</summary>
    public ulong TargetCommitteeSize { get; init; } = 4;

    /// <summary>MAX_COMMITTEES_PER_SLOT.</summary>
    public ulong MaxCommitteesPerSlot { get; init; } = 4;

    /// <summary>MIN_SEED_LOOKAHEAD.</summary>
    public ulong MinSeedLookahead { get; init; } = 1;

    /// <summary>MAX_SEED_LOOKAHEAD.</summary>
    public ulong MaxSeedLookahead { get; init; } = 4;

    /// <summary>EPOCHS_PER_HISTORICAL_VECTOR: the length of the RANDAO mixes.</summary>
    public ulong EpochsPerHistoricalVector { get; init; } = 64;

    /// <summary>EPOCHS_PER_SLASHINGS_VECTOR: the length of the slashings vector.</summary>
    public ulong EpochsPerSlashingsVector { get; init; } = 64;

    /// <summary>SLOTS_PER_HISTORICAL_ROOT: the length of the block roots (§5.3).</summary>
    public ulong SlotsPerHistoricalRoot { get; init; } = 64;

    /// <summary>MAX_EFFECTIVE_BALANCE, gwei.</summary>
    public ulong MaxEffectiveBalance { get; init; } = 2048 * GweiPerCoin;

    /// <summary>EFFECTIVE_BALANCE_INCREMENT, gwei.</summary>
    public ulong EffectiveBalanceIncrement { get; init; } = GweiPerCoin;

    /// <summary>EJECTION_BALANCE, gwei.</summary>
    public ulong EjectionBalance { get; init; } = 16 * GweiPerCoin;

    /// <summary>HYSTERESIS_QUOTIENT.</summary>
    public ulong HysteresisQuotient { get; init; } = 4;

    /// <summary>HYSTERESIS_DOWNWARD_MULTIPLIER.</summary>
    public ulong HysteresisDownwardMultiplier { get; init; } = 1;

    /// <summary>HYSTERESIS_UPWARD_MULTIPLIER.</summary>
    public ulong HysteresisUpwardMultiplier { get; init; } = 5;

    /// <summary>BASE_REWARD_FACTOR.</summary>
    public ulong BaseRewardFactor { get; init; } = 64;

    /// <summary>MIN_EPOCHS_TO_INACTIVITY_PENALTY.</summary>
    public ulong MinEpochsToInactivityPenalty { get; init; } = 4;

    /// <summary>INACTIVITY_SCORE_BIAS.</summary>
    public ulong InactivityScoreBias { get; init; } = 4;

    /// <summary>INACTIVITY_SCORE_RECOVERY_RATE.</summary>
    public ulong InactivityScoreRecoveryRate { get; init; } = 16;

    /// <summary>INACTIVITY_PENALTY_QUOTIENT.</summary>
    public ulong InactivityPenaltyQuotient { get; init; } = 1UL << 8;

    /// <summary>MIN_SLASHING_PENALTY_QUOTIENT.</summary>
    public ulong MinSlashingPenaltyQuotient { get; init; } = 32;

    /// <summary>PROPORTIONAL_SLASHING_MULTIPLIER.</summary>
    public ulong ProportionalSlashingMultiplier { get; init; } = 3;

    /// <summary>WHISTLEBLOWER_REWARD_QUOTIENT.</summary>
    public ulong WhistleblowerRewardQuotient { get; init; } = 512;

    /// <summary>MIN_PER_EPOCH_CHURN_LIMIT.</summary>
    public ulong MinPerEpochChurnLimit { get; init; } = 4;

    /// <summary>CHURN_LIMIT_QUOTIENT.</summary>
    public ulong ChurnLimitQuotient { get; init; } = 65536;

    /// <summary>MIN_VALIDATOR_WITHDRAWABILITY_DELAY, epochs.</summary>
    public ulong MinValidatorWithdrawabilityDelay { get; init; } = 16;

    /// <summary>PROPOSER_SCORE_BOOST, percent.</summary>
    public ulong ProposerScoreBoost { get; init; } = 40;

    /// <summary>MAX_ATTESTATIONS per block.</summary>
    public ulong MaxAttestations { get; init; } = 512;

    /// <summary>MAX_PROPOSER_SLASHINGS per block.</summary>
    public ulong MaxProposerSlashings { get; init; } = 16;

    /// <summary>MAX_ATTESTER_SLASHINGS per block.</summary>
    public ulong MaxAttesterSlashings { get; init; } = 2;

    /// <summary>PROPOSER_SELECTION: <c>ethereum</c> or <c>roulette</c>.</summary>
    public ProposerSelection ProposerSelection { get; init; } = ProposerSelection.Ethereum;

    /// <summary>PROPOSER_BLOCK_REWARD: the fixed reward of each PoS block, gwei.</summary>
    public ulong ProposerBlockReward { get; init; }

    /// <summary>The <c>minimal</c> preset (the default).</summary>
    public static ConsensusConfig Minimal { get; } = new();

    /// <summary>The <c>mainnet</c> preset.</summary>
    public static ConsensusConfig Mainnet { get; } = new()
    {
        Preset = "mainnet",
        SlotsPerEpoch = 32,
        SecondsPerSlot = 12,
        ShuffleRoundCount = 90,
        TargetCommitteeSize = 128,
        MaxCommitteesPerSlot = 64,
        EpochsPerHistoricalVector = 65536,
        EpochsPerSlashingsVector = 8192,
        SlotsPerHistoricalRoot = 8192,
        InactivityPenaltyQuotient = 1UL << 24,
        MinValidatorWithdrawabilityDelay = 256,
        MaxAttestations = 4096,
    };

    /// <summary>The <c>tutorial</c> preset: roulette proposers, a fixed reward of 50 coins, full confiscation.</summary>
    public static ConsensusConfig Tutorial { get; } = new()
    {
        Preset = "tutorial",
        MinSlashingPenaltyQuotient = 1,
        ProposerSelection = ProposerSelection.Roulette,
        ProposerBlockReward = 50 * GweiPerCoin,
    };

    /// <summary>The preset called <paramref name="name"/>; an <see cref="ArgumentException"/> naming the choices otherwise.</summary>
    public static ConsensusConfig ForPreset(string name) => name switch
    {
        "minimal" => Minimal,
        "mainnet" => Mainnet,
        "tutorial" => Tutorial,
        _ => throw new ArgumentException($"unknown preset '{name}'; choose minimal, mainnet or tutorial", nameof(name)),
    };

    /// <summary>
    /// True when a slashed validator loses its whole balance: the <c>tutorial</c> preset's rule (§1, §5.4), which no
    /// constant expresses, so it follows the preset name.
    /// </summary>
    public bool ConfiscatesWholeBalance => Preset == "tutorial";

    /// <summary><c>epoch(slot) = slot // SLOTS_PER_EPOCH</c> (§5.1).</summary>
    public ulong EpochOf(ulong slot) => slot / SlotsPerEpoch;

    /// <summary>The first slot of <paramref name="epoch"/>.</summary>
    public ulong StartSlot(ulong epoch) => checked(epoch * SlotsPerEpoch);

    /// <summary><c>min(gwei − gwei % EFFECTIVE_BALANCE_INCREMENT, MAX_EFFECTIVE_BALANCE)</c>.</summary>
    public ulong EffectiveBalanceOf(ulong gwei) => Math.Min(gwei - (gwei % EffectiveBalanceIncrement), MaxEffectiveBalance);
}
