using System.Buffers.Binary;
using ActorChain.Core.Codec;
using ActorChain.Core.Crypto;
using ActorChain.Core.Pos.State;

namespace ActorChain.Core.Pos.Misc;

/// <summary>Proposer selection (CONSENSUS.md §5.1): <c>ethereum</c> (Electra's 16-bit acceptance test) or <c>roulette</c>.</summary>
public static class Proposers
{
    /// <summary><c>2^16 − 1</c>: the largest 2-byte random value.</summary>
    internal const ulong MaxRandomValue = 0xFFFF;

    /// <summary>
    /// The proposer of <paramref name="slot"/>, drawn by the config's selection from <c>active(epoch(slot))</c> with
    /// <c>ps = H(seed(state, epoch(slot), PROPOSER) || u64le(slot))</c>; null when the slot has no proposer (no active
    /// validator, or none with effective stake). The state must already be advanced to <paramref name="slot"/>'s epoch
    /// (<see cref="ArgumentOutOfRangeException"/> otherwise), since epoch processing changes the active set and stakes.
    /// </summary>
    public static int? BeaconProposerIndex(BeaconState s, ulong slot, ConsensusConfig c)
    {
        var epoch = c.EpochOf(slot);
        var current = Accessors.CurrentEpoch(s, c);
        if (epoch != current)
        {
            throw new ArgumentOutOfRangeException(nameof(slot), slot,
                $"the proposer of a slot of epoch {epoch} needs the state advanced to that epoch; it is at epoch {current}");
        }

        var key = new ProposerOf(slot);
        if (s.DerivedFor(key) is Memo m && m.Config == c)
        {
            return m.Proposer;
        }

        var active = Accessors.ActiveValidatorIndices(s, epoch);
        var proposer = ComputeProposerIndex(s, active, ProposerSeed(s, slot, c), c);
        s.RememberDerived(key, new Memo(c, proposer));
        return proposer;
    }

    /// <summary><c>ps = H(seed(state, epoch(slot), PROPOSER) || u64le(slot))</c>.</summary>
    public static Hash32 ProposerSeed(BeaconState s, ulong slot, ConsensusConfig c)
    {
        ArgumentNullException.ThrowIfNull(c);
        var epochSeed = Seeds.Seed(s, c.EpochOf(slot), Domain.Proposer, c);
        return HashWithU64(epochSeed, slot);
    }

    /// <summary>
    /// Draws from <paramref name="indices"/> with seed <paramref name="ps"/> by the config's rule; null when
    /// <paramref name="indices"/> is empty or holds no effective stake.
    /// </summary>
    public static int? ComputeProposerIndex(BeaconState s, ReadOnlySpan<int> indices, Hash32 ps, ConsensusConfig c)
    {
        ArgumentNullException.ThrowIfNull(c);
        return c.ProposerSelection == ProposerSelection.Roulette
            ? RouletteProposerIndex(s, indices, ps)
            : EthereumProposerIndex(s, indices, ps, c);
    }

    /// <summary>
    /// <c>ethereum</c>: candidates in shuffled order, each accepted when <c>effBal × 65535 ≥ MAX_EFFECTIVE_BALANCE × rv</c>,
    /// with <c>rv</c> the u16 (little-endian) at offset <c>(i % 16) × 2</c> of <c>H(ps || u64le(i // 16))</c>; null
    /// without effective stake.
    /// </summary>
    public static int? EthereumProposerIndex(BeaconState s, ReadOnlySpan<int> indices, Hash32 ps, ConsensusConfig c)
    {
        ArgumentNullException.ThrowIfNull(c);
        if (TotalEffectiveBalance(s, indices) == 0)
        {
            return null;
        }

        var n = (ulong)indices.Length;
        var permutation = new SwapOrNot(ps, n, c.ShuffleRoundCount);
        var random = Hash32.Zero;
        for (ulong i = 0; ; i++)
        {
            var candidate = indices[(int)permutation.ShuffledIndex(i % n)];
            var offset = (int)(i % 16) * 2;
            if (offset == 0)
            {
                random = HashWithU64(ps, i / 16);
            }

            ulong rv = BinaryPrimitives.ReadUInt16LittleEndian(random.AsSpan()[offset..]);
            var effectiveBalance = s.Validators[candidate].EffectiveBalance;
            if (ExactMath.CompareProducts(effectiveBalance, MaxRandomValue, c.MaxEffectiveBalance, rv) >= 0)
            {
                return candidate;
            }
        }
    }

    /// <summary>
    /// <c>roulette</c>: <c>r = bytesToU64(ps[0:8]) % Σ effBal</c>; walk <paramref name="indices"/> in order, subtracting
    /// each effective balance, and return the first <c>v</c> with <c>r &lt; effBal(v)</c>; null without effective stake.
    /// </summary>
    public static int? RouletteProposerIndex(BeaconState s, ReadOnlySpan<int> indices, Hash32 ps)
    {
        var total = TotalEffectiveBalance(s, indices);
        if (total == 0)
        {
            return null;
        }

        var r = ps.FirstU64Le() % total;
        foreach (var v in indices)
        {
            var effectiveBalance = s.Validators[v].EffectiveBalance;
            if (r < effectiveBalance)
            {
                return v;
            }

            r -= effectiveBalance;
        }

        throw new InvalidOperationException("roulette walked past the total stake"); // unreachable: r < total
    }

    private static ulong TotalEffectiveBalance(BeaconState s, ReadOnlySpan<int> indices)
    {
        ArgumentNullException.ThrowIfNull(s);
        ulong total = 0;
        foreach (var v in indices)
        {
            total = checked(total + s.Validators[v].EffectiveBalance);
        }

        return total;
    }

    private static Hash32 HashWithU64(Hash32 h, ulong n)
    {
        Span<byte> input = stackalloc byte[Hash32.Width + 8];
        h.AsSpan().CopyTo(input);
        BinaryPrimitives.WriteUInt64LittleEndian(input[Hash32.Width..], n);
        return Sha256.Hash(input);
    }

    /// <summary>The key of a slot's proposer among a state's derived values.</summary>
    private sealed record ProposerOf(ulong Slot);

    /// <summary>A proposer remembered on the state it was drawn from, with the constants it was drawn with.</summary>
    private sealed record Memo(ConsensusConfig Config, int? Proposer);
}
