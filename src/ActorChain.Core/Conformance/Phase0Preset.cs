using System.Collections.Immutable;
using System.Globalization;
using ActorChain.Core.Pos;

namespace ActorChain.Core.Conformance;

/// <summary>
/// The constants a set of phase0 vectors was made with: the whole-number lines of its <c>config/phase0.yaml</c>
/// (CONSENSUS.md §8). It gives the SSZ lengths and limits to <see cref="Phase0State.Decode"/> and the matching
/// consensus config to the runner. Hex values (domains, fork versions) and strings are not kept.
/// </summary>
/// <param name="Name">The preset, <c>minimal</c> or <c>mainnet</c>.</param>
/// <param name="Constants">The whole-number constants by their spec names.</param>
public sealed record Phase0Preset(string Name, ImmutableSortedDictionary<string, ulong> Constants)
{
    /// <summary>A preset from constants given in any order.</summary>
    public Phase0Preset(string name, IEnumerable<KeyValuePair<string, ulong>> constants)
        : this(name, constants.ToImmutableSortedDictionary(StringComparer.Ordinal))
    {
    }

    /// <summary>The preset from the text of its <c>phase0.yaml</c>, or null and an error naming the line or key.</summary>
    public static Phase0Preset? FromYaml(string name, string yamlText, out string? error)
    {
        var lines = YamlLines.Parse(yamlText, out error);
        if (lines is null)
        {
            return null;
        }

        var numbers = ImmutableSortedDictionary.CreateBuilder<string, ulong>(StringComparer.Ordinal);
        foreach (var (key, value) in lines.Value)
        {
            if (value.Length == 0 || !value.All(char.IsAsciiDigit))
            {
                continue;
            }

            if (!ulong.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var v))
            {
                error = $"{key}: {value} does not fit in 64 bits";
                return null;
            }

            numbers[key] = v;
        }

        return new Phase0Preset(name, numbers.ToImmutable());
    }

    /// <summary>A constant by its spec name; <see cref="KeyNotFoundException"/> naming it if the yaml did not set it.</summary>
    public ulong Get(string key) =>
        Constants.TryGetValue(key, out var v)
            ? v
            : throw new KeyNotFoundException($"the {Name} phase0.yaml does not set {key}");

    /// <summary><c>SLOTS_PER_HISTORICAL_ROOT</c>.</summary>
    public int SlotsPerHistoricalRoot => IntConstant("SLOTS_PER_HISTORICAL_ROOT");

    /// <summary><c>EPOCHS_PER_HISTORICAL_VECTOR</c>.</summary>
    public int EpochsPerHistoricalVector => IntConstant("EPOCHS_PER_HISTORICAL_VECTOR");

    /// <summary><c>EPOCHS_PER_SLASHINGS_VECTOR</c>.</summary>
    public int EpochsPerSlashingsVector => IntConstant("EPOCHS_PER_SLASHINGS_VECTOR");

    /// <summary><c>MAX_ATTESTATIONS × SLOTS_PER_EPOCH</c>: the limit of each pending-attestation list.</summary>
    public ulong PendingAttestationsLimit => checked(Get("MAX_ATTESTATIONS") * Get("SLOTS_PER_EPOCH"));

    /// <summary><c>EPOCHS_PER_ETH1_VOTING_PERIOD × SLOTS_PER_EPOCH</c>.</summary>
    public ulong Eth1DataVotesLimit => checked(Get("EPOCHS_PER_ETH1_VOTING_PERIOD") * Get("SLOTS_PER_EPOCH"));

    /// <summary>
    /// ActorChain's preset of the same name with every constant it shares with this yaml set to the yaml's value: the
    /// phase0 slashing quotients, MAX_EFFECTIVE_BALANCE = 32 ETH, the committee and shuffle sizes, the vector lengths,
    /// MIN_SEED_LOOKAHEAD and the rest. Constants phase0 does not have keep ActorChain's values. Null and an error
    /// naming the key when ActorChain refuses a value.
    /// </summary>
    public ConsensusConfig? ToConsensusConfig(out string? error)
    {
        try
        {
            var c = ConsensusConfig.ForPreset(Name);
            foreach (var key in ConsensusConfig.ConstantNames)
            {
                if (Constants.TryGetValue(key, out var v))
                {
                    c = c.WithOverride(key, v);
                }
            }

            error = null;
            return c;
        }
        catch (ArgumentException e)
        {
            error = $"the {Name} phase0.yaml: {e.Message}";
            return null;
        }
    }

    /// <summary>Equal when the names and every constant are equal.</summary>
    public bool Equals(Phase0Preset? other) =>
        other is not null && Name == other.Name && Constants.Count == other.Constants.Count
        && Constants.All(kv => other.Constants.TryGetValue(kv.Key, out var v) && v == kv.Value);

    /// <summary>A hash of the name and the constants.</summary>
    public override int GetHashCode() => HashCode.Combine(Name, Constants.Count);

    private int IntConstant(string key)
    {
        var v = Get(key);
        return v <= int.MaxValue ? (int)v : throw new KeyNotFoundException($"{key} = {v} is too large for a vector length");
    }
}
