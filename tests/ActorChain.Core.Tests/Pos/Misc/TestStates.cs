using System.Text;
using ActorChain.Core.Codec;
using ActorChain.Core.Crypto;
using ActorChain.Core.Ledger;
using ActorChain.Core.Pos;
using ActorChain.Core.Pos.Model;
using ActorChain.Core.Pos.State;

namespace ActorChain.Core.Tests.Pos.Misc;

/// <summary>
/// Hand-made beacon states for the PoS tests: validators with given stakes (coins), all active from epoch 0, with
/// <c>effBal = stake</c>; RANDAO mix i is <see cref="Mix"/>; the block root of slot j is <see cref="BlockRootOf"/> for
/// every slot the state holds; checkpoints at <c>(0, GenesisRoot)</c>.
/// </summary>
public static class TestStates
{
    /// <summary>The anchor root of every test state.</summary>
    public static readonly Hash32 GenesisRoot = Hash("genesis");

    /// <summary>SHA-256 of a UTF-8 string.</summary>
    public static Hash32 Hash(string s) => Sha256.Hash(Encoding.UTF8.GetBytes(s));

    /// <summary>A deterministic pubkey for validator <paramref name="i"/> (no private key behind it).</summary>
    public static PubKey Pubkey(int i) => new(Hash($"validator-{i}").AsSpan());

    /// <summary>RANDAO mix number <paramref name="i"/>.</summary>
    public static Hash32 Mix(int i) => Hash($"mix-{i}");

    /// <summary>The block root the test states hold for <paramref name="slot"/>.</summary>
    public static Hash32 BlockRootOf(ulong slot) => Hash($"block-{slot}");

    /// <summary>A validator active from epoch 0 with this effective balance.</summary>
    public static Validator Active(int i, ulong effectiveBalance) =>
        new(Pubkey(i), effectiveBalance, false, 0, 0, ConsensusConfig.FarFutureEpoch, ConsensusConfig.FarFutureEpoch);

    /// <summary>A state at <paramref name="slot"/> whose validator i has <c>stakesInCoins[i]</c> as balance and effective balance.</summary>
    public static BeaconState State(ConsensusConfig c, ulong slot, params ulong[] stakesInCoins)
    {
        var n = stakesInCoins.Length;
        var balances = stakesInCoins.Select(Units.Coins).ToArray();
        var validators = Enumerable.Range(0, n).Select(i => Active(i, balances[i]));
        var mixes = Enumerable.Range(0, (int)c.EpochsPerHistoricalVector).Select(Mix).ToArray();
        var roots = new Hash32[(int)c.SlotsPerHistoricalRoot];
        var from = slot > (ulong)roots.Length ? slot - (ulong)roots.Length : 0;
        for (var j = from; j < slot; j++)
        {
            roots[(int)(j % (ulong)roots.Length)] = BlockRootOf(j);
        }

        var genesis = new Checkpoint(0, GenesisRoot);
        return new BeaconState(slot, 0, GenesisRoot, null, validators, balances, mixes, roots,
            new ulong[(int)c.EpochsPerSlashingsVector], new byte[n], new byte[n], 0, genesis, genesis, genesis,
            new ulong[n], Accounts.Empty, 1);
    }

    /// <summary><paramref name="n"/> validators of <paramref name="coins"/> each.</summary>
    public static BeaconState Uniform(ConsensusConfig c, ulong slot, int n, ulong coins) =>
        State(c, slot, Enumerable.Repeat(coins, n).ToArray());

    /// <summary>The last slot of <paramref name="epoch"/>, where its epoch processing runs.</summary>
    public static ulong LastSlot(ConsensusConfig c, ulong epoch) => c.StartSlot(epoch + 1) - 1;
}
