using System.Collections.Immutable;
using ActorChain.Core.Pos;
using ActorChain.Core.Pos.Epoch;

namespace ActorChain.Simulation.Tests.Audit;

/// <summary>
/// One epoch transition of one node, as the audit reads it: the fields of an <c>epochs.jsonl</c> line (SIMULATION.md)
/// in plain numbers and hex strings. "Before" fields are the state at the end of <see cref="Epoch"/> just before epoch
/// processing; the others are after it. The audit recomputes the after values from the before values alone.
/// </summary>
internal sealed record EpochLine(int Node, long Epoch, long TotalActiveBalance, long PreviousTargetBalance,
    long CurrentTargetBalance, bool InLeak, int BitsBefore, int Bits, EpochLine.Checkpoint PreviousJustifiedBefore,
    EpochLine.Checkpoint CurrentJustifiedBefore, EpochLine.Checkpoint FinalizedBefore, EpochLine.Checkpoint PreviousJustified,
    EpochLine.Checkpoint CurrentJustified, EpochLine.Checkpoint Finalized, ImmutableArray<EpochLine.ValidatorLine> Validators)
{
    /// <summary><c>{"epoch": e, "root": hex}</c>.</summary>
    internal sealed record Checkpoint(long Epoch, string Root)
    {
        /// <summary>The checkpoint as the line writes it.</summary>
        public static Checkpoint Of(Core.Pos.Model.Checkpoint c) => new((long)c.Epoch, c.Root.ToString());

        /// <inheritdoc />
        public override string ToString() => $"({Epoch}, {Root[..Math.Min(8, Root.Length)]})";
    }

    /// <summary>One validator across the transition; the three epochs are after it, null for FAR_FUTURE.</summary>
    internal sealed record ValidatorLine(int Index, string Name, long BalanceBefore, long Balance, long EffectiveBalanceBefore,
        long EffectiveBalance, long InactivityScoreBefore, long InactivityScore, int PreviousFlags, int CurrentFlags,
        bool Slashed, long? ActivationEpoch, long? ExitEpoch, long? WithdrawableEpoch)
    {
        /// <summary>The validator's line.</summary>
        public static ValidatorLine Of(ValidatorTrace v) => new(v.Index, "v" + v.Index, (long)v.BalanceBefore, (long)v.Balance,
            (long)v.EffectiveBalanceBefore, (long)v.EffectiveBalance, (long)v.InactivityScoreBefore, (long)v.InactivityScore,
            v.PreviousFlags, v.CurrentFlags, v.Slashed, EpochOrNull(v.ActivationEpoch), EpochOrNull(v.ExitEpoch),
            EpochOrNull(v.WithdrawableEpoch));

        private static long? EpochOrNull(ulong e) => e == ConsensusConfig.FarFutureEpoch ? null : (long)e;
    }

    /// <summary>Node <paramref name="node"/>'s transition as a line; fails without per-validator detail.</summary>
    public static EpochLine Of(int node, EpochTransition t)
    {
        if (t.Validators.IsDefaultOrEmpty)
            throw new ArgumentException("no per-validator detail in the transition: was it traced?", nameof(t));
        return new EpochLine(node, (long)t.Epoch, (long)t.TotalActiveBalance, (long)t.PreviousTargetBalance,
            (long)t.CurrentTargetBalance, t.InLeak, ParseBits(t.BitsBefore), ParseBits(t.Bits), Checkpoint.Of(t.PreviousJustifiedBefore),
            Checkpoint.Of(t.CurrentJustifiedBefore), Checkpoint.Of(t.FinalizedBefore), Checkpoint.Of(t.PreviousJustified),
            Checkpoint.Of(t.CurrentJustified), Checkpoint.Of(t.Finalized), [.. t.Validators.Select(ValidatorLine.Of)]);
    }

    /// <summary>The bits through their <c>epochs.jsonl</c> spelling (<c>"0111"</c>, epoch E's bit rightmost), as the Java audit read them.</summary>
    private static int ParseBits(int bits)
    {
        var s = EpochTransition.BitString(bits);
        return s.All(ch => ch is '0' or '1') && s.Length == 4
            ? Convert.ToInt32(s, 2)
            : throw new ArgumentException($"justification bits are four binary digits, not \"{s}\"");
    }

    /// <inheritdoc />
    public override string ToString() => $"node {Node} end of epoch {Epoch}";
}
