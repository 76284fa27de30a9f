using System.Collections.Immutable;
using ActorChain.Core.Pos.Model;
using ActorChain.Core.Pos.State;

namespace ActorChain.Core.Conformance;

/// <summary>Compares the fields one epoch step writes in ActorChain's state with a phase0 post-state; one line per mismatch.</summary>
internal static class StateDiff
{
    /// <summary>Past this many mismatching entries of one vector the rest are only counted.</summary>
    public const int MaxListed = 8;

    /// <summary>The justification bits and the three checkpoints.</summary>
    public static ImmutableArray<string> Justification(BeaconState actual, Phase0State expected)
    {
        var d = ImmutableArray.CreateBuilder<string>();
        if (actual.JustificationBits != expected.JustificationBits)
        {
            d.Add($"justification_bits: expected {Bits(expected.JustificationBits)}, got {Bits(actual.JustificationBits)}");
        }

        CheckpointDiff(d, "previous_justified_checkpoint", expected.PreviousJustifiedCheckpoint, actual.PreviousJustified);
        CheckpointDiff(d, "current_justified_checkpoint", expected.CurrentJustifiedCheckpoint, actual.CurrentJustified);
        CheckpointDiff(d, "finalized_checkpoint", expected.FinalizedCheckpoint, actual.Finalized);
        return d.ToImmutable();
    }

    /// <summary>Every validator's balance.</summary>
    public static ImmutableArray<string> Balances(BeaconState actual, Phase0State expected) =>
        Vector("balances", expected.Balances, [.. Enumerable.Range(0, actual.ValidatorCount).Select(actual.Balance)]);

    /// <summary>Every validator's effective balance.</summary>
    public static ImmutableArray<string> EffectiveBalances(BeaconState actual, Phase0State expected) =>
        Vector(
            "effective_balance",
            [.. expected.Validators.Select(v => v.EffectiveBalance)],
            [.. Enumerable.Range(0, actual.ValidatorCount).Select(i => actual.Validators[i].EffectiveBalance)]);

    private static ImmutableArray<string> Vector(string field, ImmutableArray<ulong> want, ImmutableArray<ulong> got)
    {
        if (want.Length != got.Length)
        {
            return [$"{field}: expected {want.Length} validators, got {got.Length}"];
        }

        var d = ImmutableArray.CreateBuilder<string>();
        var mismatches = 0;
        for (var i = 0; i < want.Length; i++)
        {
            if (want[i] != got[i] && ++mismatches <= MaxListed)
            {
                d.Add($"{field}[{i}]: expected {want[i]}, got {got[i]} ({SignedDelta(got[i], want[i])})");
            }
        }

        if (mismatches > MaxListed)
        {
            d.Add($"{field}: {mismatches - MaxListed} more mismatches");
        }

        return d.ToImmutable();
    }

    private static void CheckpointDiff(ImmutableArray<string>.Builder d, string field, Checkpoint want, Checkpoint got)
    {
        if (want != got)
        {
            d.Add($"{field}: expected {Describe(want)}, got {Describe(got)}");
        }
    }

    private static string Describe(Checkpoint c) => $"(epoch {c.Epoch}, root 0x{c.Root})";

    private static string Bits(int b) => "0b" + Convert.ToString(b & 0b1111, 2).PadLeft(4, '0');

    private static string SignedDelta(ulong got, ulong want) =>
        got >= want ? $"+{got - want}" : $"-{want - got}";
}
