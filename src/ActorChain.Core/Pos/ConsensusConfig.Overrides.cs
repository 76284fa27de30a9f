using System.Collections.Frozen;
using System.Globalization;

namespace ActorChain.Core.Pos;

/// <summary>The constants by their spec names (CONSENSUS.md §1), for overrides, logs and summaries.</summary>
public sealed partial record ConsensusConfig
{
    private const ulong MaxHashVector = 1UL << 19; // the state codec's bound on a bytes32 vector
    private const ulong MaxU64Vector = 1UL << 21; // the state codec's bound on a u64 vector

    private static readonly Constant[] _constants =
    [
        new("SLOTS_PER_EPOCH", c => c.SlotsPerEpoch, (c, v) => c with { SlotsPerEpoch = v }, 1, 1UL << 32),
        new("SECONDS_PER_SLOT", c => c.SecondsPerSlot, (c, v) => c with { SecondsPerSlot = v }, 1, 1UL << 32),
        new("SHUFFLE_ROUND_COUNT", c => c.ShuffleRoundCount, (c, v) => c with { ShuffleRoundCount = v }, 0, 256),
        new("TARGET_COMMITTEE_SIZE", c => c.TargetCommitteeSize, (c, v) => c with { TargetCommitteeSize = v }, 1),
        new("MAX_COMMITTEES_PER_SLOT", c => c.MaxCommitteesPerSlot, (c, v) => c with { MaxCommitteesPerSlot = v }, 1, 1UL << 32),
        new("MIN_SEED_LOOKAHEAD", c => c.MinSeedLookahead, (c, v) => c with { MinSeedLookahead = v }, 0, 1UL << 32),
        new("MAX_SEED_LOOKAHEAD", c => c.MaxSeedLookahead, (c, v) => c with { MaxSeedLookahead = v }, 0, 1UL << 32),
        new("EPOCHS_PER_HISTORICAL_VECTOR", c => c.EpochsPerHistoricalVector, (c, v) => c with { EpochsPerHistoricalVector = v }, 1, MaxHashVector),
        new("EPOCHS_PER_SLASHINGS_VECTOR", c => c.EpochsPerSlashingsVector, (c, v) => c with { EpochsPerSlashingsVector = v }, 1, MaxU64Vector),
        new("SLOTS_PER_HISTORICAL_ROOT", c => c.SlotsPerHistoricalRoot, (c, v) => c with { SlotsPerHistoricalRoot = v }, 1, MaxHashVector),
        new("MAX_EFFECTIVE_BALANCE", c => c.MaxEffectiveBalance, (c, v) => c with { MaxEffectiveBalance = v }, 1),
        new("EFFECTIVE_BALANCE_INCREMENT", c => c.EffectiveBalanceIncrement, (c, v) => c with { EffectiveBalanceIncrement = v }, 1),
        new("EJECTION_BALANCE", c => c.EjectionBalance, (c, v) => c with { EjectionBalance = v }),
        new("HYSTERESIS_QUOTIENT", c => c.HysteresisQuotient, (c, v) => c with { HysteresisQuotient = v }, 1),
        new("HYSTERESIS_DOWNWARD_MULTIPLIER", c => c.HysteresisDownwardMultiplier, (c, v) => c with { HysteresisDownwardMultiplier = v }),
        new("HYSTERESIS_UPWARD_MULTIPLIER", c => c.HysteresisUpwardMultiplier, (c, v) => c with { HysteresisUpwardMultiplier = v }),
        new("BASE_REWARD_FACTOR", c => c.BaseRewardFactor, (c, v) => c with { BaseRewardFactor = v }),
        new("MIN_EPOCHS_TO_INACTIVITY_PENALTY", c => c.MinEpochsToInactivityPenalty, (c, v) => c with { MinEpochsToInactivityPenalty = v }),
        new("INACTIVITY_SCORE_BIAS", c => c.InactivityScoreBias, (c, v) => c with { InactivityScoreBias = v }, 1),
        new("INACTIVITY_SCORE_RECOVERY_RATE", c => c.InactivityScoreRecoveryRate, (c, v) => c with { InactivityScoreRecoveryRate = v }),
        new("INACTIVITY_PENALTY_QUOTIENT", c => c.InactivityPenaltyQuotient, (c, v) => c with { InactivityPenaltyQuotient = v }, 1),
        new("MIN_SLASHING_PENALTY_QUOTIENT", c => c.MinSlashingPenaltyQuotient, (c, v) => c with { MinSlashingPenaltyQuotient = v }, 1),
        new("PROPORTIONAL_SLASHING_MULTIPLIER", c => c.ProportionalSlashingMultiplier, (c, v) => c with { ProportionalSlashingMultiplier = v }),
        new("WHISTLEBLOWER_REWARD_QUOTIENT", c => c.WhistleblowerRewardQuotient, (c, v) => c with { WhistleblowerRewardQuotient = v }, 1),
        new("MIN_PER_EPOCH_CHURN_LIMIT", c => c.MinPerEpochChurnLimit, (c, v) => c with { MinPerEpochChurnLimit = v }),
        new("CHURN_LIMIT_QUOTIENT", c => c.ChurnLimitQuotient, (c, v) => c with { ChurnLimitQuotient = v }, 1),
        new("MIN_VALIDATOR_WITHDRAWABILITY_DELAY", c => c.MinValidatorWithdrawabilityDelay, (c, v) => c with { MinValidatorWithdrawabilityDelay = v }),
        new("PROPOSER_SCORE_BOOST", c => c.ProposerScoreBoost, (c, v) => c with { ProposerScoreBoost = v }, 0, 100),
        new("MAX_ATTESTATIONS", c => c.MaxAttestations, (c, v) => c with { MaxAttestations = v }),
        new("MAX_PROPOSER_SLASHINGS", c => c.MaxProposerSlashings, (c, v) => c with { MaxProposerSlashings = v }),
        new("MAX_ATTESTER_SLASHINGS", c => c.MaxAttesterSlashings, (c, v) => c with { MaxAttesterSlashings = v }),
        new("PROPOSER_BLOCK_REWARD", c => c.ProposerBlockReward, (c, v) => c with { ProposerBlockReward = v }),
    ];

    private static readonly FrozenDictionary<string, Constant> _byName =
        _constants.ToFrozenDictionary(k => k.Name, StringComparer.Ordinal);

    /// <summary>The spec name of the proposer-selection setting, whose values are <c>ethereum</c> and <c>roulette</c>.</summary>
    public const string ProposerSelectionName = "PROPOSER_SELECTION";

    /// <summary>Every spec name <see cref="WithOverride"/> accepts, in §1's order.</summary>
    public static IReadOnlyList<string> ConstantNames { get; } =
        [.. _constants.Select(k => k.Name).Append(ProposerSelectionName)];

    /// <summary>The constants by spec name, in §1's order (PROPOSER_SELECTION as its lower-case name).</summary>
    public IReadOnlyList<KeyValuePair<string, string>> ByName() =>
    [
        .. _constants.Select(k => KeyValuePair.Create(k.Name, k.Get(this).ToString(CultureInfo.InvariantCulture))),
        KeyValuePair.Create(ProposerSelectionName, ProposerSelection.ToString().ToLowerInvariant()),
    ];

    /// <summary>
    /// This config with the constant <paramref name="specName"/> (e.g. <c>SLOTS_PER_EPOCH</c>) set to
    /// <paramref name="value"/>: a whole number (any integer type, a whole double or decimal, or its decimal string),
    /// or <c>ethereum</c>/<c>roulette</c> for PROPOSER_SELECTION. An unknown name or a bad value is an
    /// <see cref="ArgumentException"/> naming the key.
    /// </summary>
    public ConsensusConfig WithOverride(string specName, object value)
    {
        ArgumentNullException.ThrowIfNull(specName);
        if (specName == ProposerSelectionName)
        {
            return this with { ProposerSelection = ParseSelection(value) };
        }

        if (!_byName.TryGetValue(specName, out var constant))
        {
            throw new ArgumentException(
                $"unknown consensus constant '{specName}'; known: {string.Join(", ", ConstantNames)}", nameof(specName));
        }

        var v = ToWholeNumber(specName, value);
        if (v < constant.Min || v > constant.Max)
        {
            throw new ArgumentException(
                $"{specName} must be in [{constant.Min}, {constant.Max}], got {v}", nameof(value));
        }

        return constant.Set(this, v);
    }

    /// <summary>This config with every override of <paramref name="overrides"/> applied, in key order.</summary>
    public ConsensusConfig WithOverrides(IReadOnlyDictionary<string, object> overrides)
    {
        ArgumentNullException.ThrowIfNull(overrides);
        var config = this;
        foreach (var name in overrides.Keys.Order(StringComparer.Ordinal))
        {
            config = config.WithOverride(name, overrides[name]);
        }

        return config;
    }

    private static ProposerSelection ParseSelection(object value) => value switch
    {
        ProposerSelection s => s,
        string s when s.Equals("ethereum", StringComparison.OrdinalIgnoreCase) => ProposerSelection.Ethereum,
        string s when s.Equals("roulette", StringComparison.OrdinalIgnoreCase) => ProposerSelection.Roulette,
        _ => throw new ArgumentException($"{ProposerSelectionName} must be ethereum or roulette, got '{value}'", nameof(value)),
    };

    private static ulong ToWholeNumber(string name, object value) => value switch
    {
        ulong v => v,
        uint v => v,
        ushort v => v,
        byte v => v,
        long v when v >= 0 => (ulong)v,
        int v when v >= 0 => (ulong)v,
        short v when v >= 0 => (ulong)v,
        double v when v >= 0 && v < 18446744073709551616.0 && Math.Floor(v) == v => (ulong)v,
        decimal v when v >= 0 && v <= ulong.MaxValue && decimal.Truncate(v) == v => (ulong)v,
        string s when ulong.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var v) => v,
        _ => throw new ArgumentException($"{name} must be a whole number ≥ 0, got '{value}'", nameof(value)),
    };

    private sealed record Constant(
        string Name,
        Func<ConsensusConfig, ulong> Get,
        Func<ConsensusConfig, ulong, ConsensusConfig> Set,
        ulong Min = 0,
        ulong Max = ulong.MaxValue);
}
