using System.Text;
using ActorChain.Core.Codec;
using ActorChain.Core.Crypto;
using ActorChain.Core.Ledger;
using ActorChain.Core.Pos;
using ActorChain.Core.Pos.Epoch;
using ActorChain.Core.Pos.Model;
using ActorChain.Core.Pos.Protection;
using ActorChain.Core.Pos.Slashing;
using ActorChain.Core.Pos.State;
using Xunit.Abstractions;

namespace ActorChain.Core.Tests.Pos;

/// <summary>
/// Casper FFG's accountable safety (CONSENSUS.md §7) as a seeded property over core's own functions: two forks split
/// at genesis; honest validators vote on their fork (and may change sides, under slashing protection); byzantine
/// validators follow a random schedule (offline, one fork, the other, or both at once). Each fork weighs the votes it
/// can see with core's justification and finalization, and core's <see cref="Slasher"/> watches every vote.
/// With byzantine stake below 1/3 the forks never finalize conflicting checkpoints; whenever they do, the slasher
/// names validators holding at least 1/3 of the stake, and no honest one.
/// </summary>
public sealed class AccountableSafetyPropertyTests(ITestOutputHelper output)
{
    private const int Runs = 300;
    private static readonly ConsensusConfig C = ConsensusConfig.Minimal;
    private static readonly Hash32 GenesisRoot = Hash("genesis");

    [Fact]
    public void Never_finalizes_conflicting_checkpoints_without_the_slasher_naming_a_third_of_the_stake()
    {
        int belowThird = 0, conflicting = 0, safe = 0;
        for (var run = 0; run < Runs; run++)
        {
            var o = Run(new Random(0x5AFE_0000 + run), run);
            if (o.ByzantineBelowThird)
            {
                o.Conflicting.Should().BeFalse("run {0}: conflicting finality with byzantine stake below 1/3", run);
                belowThird++;
            }
            else if (o.Conflicting)
            {
                (o.NamedStake * 3).Should().BeGreaterThanOrEqualTo(o.TotalStake, "run {0}: the slasher names at least 1/3 of the stake", run);
                conflicting++;
            }
            else
            {
                safe++;
            }
        }

        output.WriteLine($"accountable safety, {Runs} runs: {belowThird} with byzantine stake < 1/3 (no conflicting finality in any);"
            + $" {conflicting} with >= 1/3 and conflicting finality (slasher named >= 1/3 of the stake in every one); {safe} with >= 1/3 and no conflict");
        belowThird.Should().BeGreaterThanOrEqualTo(50, "runs below 1/3");
        conflicting.Should().BeGreaterThanOrEqualTo(20, "runs where conflicting finality happened (the property bites)");
    }

    private static Outcome Run(Random rnd, int run)
    {
        var n = 4 + rnd.Next(13);
        var stakes = new ulong[n];
        ulong total = 0;
        for (var v = 0; v < n; v++)
        {
            stakes[v] = (ulong)(16 + rnd.Next(49));
            total += Units.Coins(stakes[v]);
        }

        var byzantine = ChooseByzantine(rnd, stakes, rnd.NextDouble() * 0.6);
        var byzantineStake = Enumerable.Range(0, n).Where(v => byzantine[v]).Aggregate(0UL, (s, v) => s + Units.Coins(stakes[v]));
        var side = Enumerable.Range(0, n).Select(_ => rnd.Next(2)).ToArray(); // honest: 0 = fork A, 1 = fork B
        var switchEpoch = (ulong)(2 + rnd.Next(8)); // honest validators may change sides here, as after a heal
        var keys = Enumerable.Range(0, n).Select(v => Keys.FromName("accountable-safety", "v" + v)).ToArray();
        BeaconState[] forks = [Fork(keys, stakes), Fork(keys, stakes)];
        var protection = Enumerable.Repeat(SlashingProtectionRecord.Empty, n).ToArray();
        var slasher = new Slasher(C);
        var targetBalance = new ulong[2, 64]; // [fork, target epoch]
        var epochs = (ulong)(6 + rnd.Next(7));
        for (ulong e = 1; e <= epochs; e++)
        {
            for (var x = 0; x < 2; x++)
            {
                ExtendTo(forks[x], x, e);
            }

            if (e == switchEpoch)
            {
                for (var v = 0; v < n; v++)
                {
                    if (!byzantine[v] && rnd.Next(4) == 0)
                    {
                        side[v] ^= 1;
                    }
                }
            }

            for (var v = 0; v < n; v++)
            {
                foreach (var x in ForksVotedOn(rnd, byzantine[v], side[v]))
                {
                    var source = forks[x].CurrentJustified;
                    var target = new Checkpoint(e, RootOf(x, C.StartSlot(e)));
                    if (!byzantine[v])
                    {
                        if (protection[v].MaySignAttestation(source.Epoch, e) is not { } next)
                        {
                            continue; // an honest validator refuses what it may not sign
                        }

                        protection[v] = next;
                    }

                    var d = new AttestationData(C.StartSlot(e), 0, target.Root, source, target);
                    slasher.OnAttestation(new Attestation((ulong)v, d, keys[v].Sign(Domain.Attester, d.Root)));
                    targetBalance[x, e] += Units.Coins(stakes[v]);
                }
            }

            if (e >= 2) // CONSENSUS.md §5.5 step 1 skips the first two epochs
            {
                for (var x = 0; x < 2; x++)
                {
                    EpochProcessing.WeighJustificationAndFinalization(forks[x], total, targetBalance[x, e - 1], targetBalance[x, e], C);
                }
            }
        }

        var conflicting = forks[0].Finalized.Epoch > 0 && forks[1].Finalized.Epoch > 0; // the forks share only genesis
        ulong namedStake = 0;
        foreach (var v in slasher.Offenders)
        {
            byzantine[(int)v].Should().BeTrue("run {0}: honest v{1} named by the slasher", run, v);
            namedStake += Units.Coins(stakes[(int)v]);
        }

        return new Outcome(byzantineStake * 3 < total, conflicting, namedStake, total);
    }

    private static List<int> ForksVotedOn(Random rnd, bool byzantine, int side)
    {
        if (byzantine)
        {
            return rnd.Next(8) switch
            {
                0 => [], // offline
                1 => [0],
                2 => [1],
                _ => [0, 1], // both forks at once: a double vote, or a surround across the forks' histories
            };
        }

        return rnd.Next(10) != 0 ? [side] : []; // honest, online nine times in ten
    }

    /// <summary>Byzantine validators, drawn in random order until their stake reaches <paramref name="fraction"/> of the total.</summary>
    private static bool[] ChooseByzantine(Random rnd, ulong[] stakes, double fraction)
    {
        var n = stakes.Length;
        var total = stakes.Aggregate(0UL, (s, x) => s + x);
        var order = Enumerable.Range(0, n).ToArray();
        for (var i = n - 1; i > 0; i--)
        {
            var j = rnd.Next(i + 1);
            (order[i], order[j]) = (order[j], order[i]);
        }

        var byzantine = new bool[n];
        ulong chosen = 0;
        for (var i = 0; i < n && chosen < fraction * total; i++)
        {
            byzantine[order[i]] = true;
            chosen += stakes[order[i]];
        }

        return byzantine;
    }

    private static BeaconState Fork(SigningKey[] keys, ulong[] stakes)
    {
        var validators = keys.Select((k, v) => new GenesisValidator(k.PublicKey, Units.Coins(stakes[v]))).ToList();
        var s = PosGenesis.Create(validators, GenesisRoot, 0, Accounts.Empty, 1, C);
        s.SetBlockRootAt(0, GenesisRoot);
        return s;
    }

    /// <summary>Fork <paramref name="x"/>'s block at <paramref name="slot"/>: the forks share only the genesis block at slot 0.</summary>
    private static Hash32 RootOf(int x, ulong slot) => slot == 0 ? GenesisRoot : Hash($"fork-{x}-slot-{slot}");

    /// <summary>Moves the fork to the last slot of <paramref name="epoch"/>, with a block at every slot before it.</summary>
    private static void ExtendTo(BeaconState s, int x, ulong epoch)
    {
        var last = C.StartSlot(epoch + 1) - 1;
        for (var slot = Math.Max(1UL, s.Slot == 0 ? 0UL : s.Slot - 1); slot < last; slot++)
        {
            s.SetBlockRootAt((int)(slot % C.SlotsPerHistoricalRoot), RootOf(x, slot));
        }

        s.Slot = last;
    }

    private static Hash32 Hash(string s) => Sha256.Hash(Encoding.UTF8.GetBytes(s));

    private sealed record Outcome(bool ByzantineBelowThird, bool Conflicting, ulong NamedStake, ulong TotalStake);
}
