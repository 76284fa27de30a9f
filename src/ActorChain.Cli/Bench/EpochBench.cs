using System.Diagnostics;
using System.Globalization;
using ActorChain.Core;
using ActorChain.Core.Codec;
using ActorChain.Core.Crypto;
using ActorChain.Core.Ledger;
using ActorChain.Core.Pos;
using ActorChain.Core.Pos.Epoch;
using ActorChain.Core.Pos.State;

namespace ActorChain.Cli.Bench;

/// <summary>
/// Measures epoch processing (CONSENSUS.md §5.5) on a <c>mainnet</c>-preset state: a PoS genesis of
/// <c>validators</c> validators of 32 coins each, advanced through empty slots, with realistic participation set
/// before each boundary (seeded: about 97 % SOURCE and TARGET, 90 % HEAD, a few validators offline). Prints the
/// time of each measured transition and their median. Wall-clock time is fine here: this is the CLI, not core.
/// </summary>
public static class EpochBench
{
    private const int WarmupTransitions = 2;
    private const int Seed = 20251207;

    /// <summary>Runs <paramref name="runs"/> measured transitions after a warm-up; returns the process exit code.</summary>
    public static int Run(int runs, int validators, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (runs < 1 || validators < 1)
        {
            output.WriteLine($"epoch bench: runs ({runs}) and validators ({validators}) must both be at least 1");
            return 2;
        }

        var c = ConsensusConfig.Mainnet;
        var build = Stopwatch.StartNew();
        var state = Genesis(validators, c);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"epoch bench: preset mainnet, {validators} validators, genesis built in {build.Elapsed.TotalMilliseconds:F0} ms"));

        var random = new Random(Seed);
        var times = new List<double>(runs);
        for (var i = 0; i < WarmupTransitions + runs; i++)
        {
            var epoch = c.EpochOf(state.Slot);
            SlotProcessing.ProcessSlots(state, c.StartSlot(epoch + 1) - 1, c, trace: false);
            Participate(state, random);
            var watch = Stopwatch.StartNew();
            var transitions = SlotProcessing.ProcessSlots(state, state.Slot + 1, c, trace: false);
            watch.Stop();
            if (i < WarmupTransitions)
            {
                continue;
            }

            var t = transitions[0];
            times.Add(watch.Elapsed.TotalMilliseconds);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  epoch {t.Epoch,3}: {watch.Elapsed.TotalMilliseconds,8:F2} ms (justified {t.CurrentJustified.Epoch}, finalized {t.Finalized.Epoch}, bits {EpochTransition.BitString(t.Bits)})"));
        }

        times.Sort();
        var median = times.Count % 2 == 1
            ? times[times.Count / 2]
            : (times[(times.Count / 2) - 1] + times[times.Count / 2]) / 2;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"epoch bench: median {median:F2} ms per epoch transition over {runs} runs ({validators} validators, mainnet)"));
        return 0;
    }

    private static BeaconState Genesis(int validators, ConsensusConfig c)
    {
        var registry = new List<GenesisValidator>(validators);
        Span<byte> seed = stackalloc byte[4];
        for (var i = 0; i < validators; i++)
        {
            // Distinct pubkeys without deriving Ed25519 keys: epoch processing never verifies a signature.
            System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(seed, i);
            registry.Add(new GenesisValidator(new PubKey(Sha256.Hash(seed).AsSpan()), Units.Coins(32)));
        }

        var terminal = Sha256.Hash("epoch-bench-terminal"u8);
        return PosGenesis.Create(registry, terminal, 1_700_000_000_000UL, Accounts.Empty, 1, c);
    }

    /// <summary>Sets this epoch's flags: 2 % offline, the rest SOURCE and TARGET, 90 % of those HEAD too.</summary>
    private static void Participate(BeaconState s, Random random)
    {
        for (var i = 0; i < s.ValidatorCount; i++)
        {
            var roll = random.Next(100);
            byte flags = roll < 2 ? (byte)0 : roll < 11 ? (byte)0b011 : (byte)0b111;
            s.SetCurrentEpochParticipation(i, flags);
        }
    }
}
