using System.Buffers.Binary;
using ActorChain.Core.Codec;
using ActorChain.Core.Crypto;
using ActorChain.Core.Pos.State;

namespace ActorChain.Core.Pos.Misc;

/// <summary>RANDAO mixes and seeds (CONSENSUS.md §5.1), as Ethereum's <c>get_randao_mix</c> and <c>get_seed</c>.</summary>
public static class Seeds
{
    /// <summary><c>randaoMixes[epoch % EPOCHS_PER_HISTORICAL_VECTOR]</c>.</summary>
    public static Hash32 RandaoMix(BeaconState s, ulong epoch, ConsensusConfig c)
    {
        ArgumentNullException.ThrowIfNull(s);
        return s.RandaoMixAt(MixIndex(epoch, c));
    }

    /// <summary>The vector index of <paramref name="epoch"/>'s mix: <c>epoch % EPOCHS_PER_HISTORICAL_VECTOR</c>.</summary>
    public static int MixIndex(ulong epoch, ConsensusConfig c)
    {
        ArgumentNullException.ThrowIfNull(c);
        return (int)(epoch % c.EpochsPerHistoricalVector);
    }

    /// <summary><c>H(domain || u64le(epoch) || randaoMix(epoch + EPOCHS_PER_HISTORICAL_VECTOR − MIN_SEED_LOOKAHEAD − 1))</c>.</summary>
    public static Hash32 Seed(BeaconState s, ulong epoch, Domain domain, ConsensusConfig c)
    {
        ArgumentNullException.ThrowIfNull(c);
        var mix = RandaoMix(s, unchecked(epoch + c.EpochsPerHistoricalVector - c.MinSeedLookahead - 1), c);
        Span<byte> input = stackalloc byte[4 + 8 + Hash32.Width];
        domain.WriteTag(input);
        BinaryPrimitives.WriteUInt64LittleEndian(input[4..], epoch);
        mix.AsSpan().CopyTo(input[12..]);
        return Sha256.Hash(input);
    }
}
