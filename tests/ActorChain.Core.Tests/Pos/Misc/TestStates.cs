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
/// <c>effBal = stake</c>; RANDAO mix <c>i</c> is <see cref="Mix"/>(i); the block root of slot <c>j</c> is
/// <see cref="BlockRootOf"/>(j) for every slot the state holds; checkpoints at <c>(0, GenesisRoot)</c>.
/// </summary>
public static class TestStates
{
    /// <summary>The anchor's root.</summary>
    public static readonly Hash32 GenesisRoot = Hash("genesis");

    /// <summary>H(UTF-8 of <paramref name="s"/>).</summary>
    public static Hash32 Hash(string s) => Sha256.Hash(Encoding.UTF8.GetBytes(s));

    /// <summary>A made-up public key for validator <paramref name="i"/>.</summary>
    public static PubKey Pubkey(int i) => PubKey.Wrap(Hash($"validator-{i}").ToArray());

    /// <summary>RANDAO mix <paramref name="i"/>.</summary>
    public static Hash32 Mix(int i) => Hash($"mix-{i}");

    /// <summary>The block root of <paramref name="slot"/>.</summary>
    public static Hash32 BlockRootOf(ulong slot) => Hash($"block-{slot}");

    /// <summary>Validator <paramref name="i"/>, active from epoch 0 and never exiting.</summary>
    public static Validator Active(int i, ulong effectiveBalance) => new(Pubkey(i), effectiveBalance, false, 0, 0,
        ConsensusConfig.FarFutureEpoch, ConsensusConfig.FarFutureEpoch);

    /// <summary>A state at <paramref name="slot"/> whose validator i has <c>stakesInCoins[i]</c> as balance and effective balance.</summary>
    public static BeaconState State(ConsensusConfig c, ulong slot, params ulong[] stakesInCoins)
    {
        var n = stakesInCoins.Length;
        var balances = stakesInCoins.Select(Units.Coins).ToArray();
        var validators = balances.Select((b, i) => Active(i, b));
        var mixes = Enumerable.Range(0, (int)c.EpochsPerHistoricalVector).Select(Mix).ToArray();
        var roots = new Hash32[c.SlotsPerHistoricalRoot];
        for (var j = slot > (ulong)roots.Length ? slot - (ulong)roots.Length : 0; j < slot; j++)
        {
            roots[j % (ulong)roots.Length] = BlockRootOf(j);
        }

        var genesis = new Checkpoint(0, GenesisRoot);
        return new BeaconState(slot, 0, GenesisRoot, null, validators, balances, mixes, roots,
            new ulong[c.EpochsPerSlashingsVector], new byte[n], new byte[n], 0, genesis, genesis, genesis,
            new ulong[n], Accounts.Empty, 1);
    }

    /// <summary><paramref name="n"/> validators of <paramref name="coins"/> each.</summary>
    public static BeaconState Uniform(ConsensusConfig c, ulong slot, int n, ulong coins) =>
        State(c, slot, Enumerable.Repeat(coins, n).ToArray());

    /// <summary>The checkpoint of <paramref name="epoch"/>: the block root at its start slot.</summary>
    public static Checkpoint CheckpointAt(ConsensusConfig c, ulong epoch) => new(epoch, BlockRootOf(c.StartSlot(epoch)));

    /// <summary>The last slot of <paramref name="epoch"/>, where its epoch processing runs.</summary>
    public static ulong LastSlot(ConsensusConfig c, ulong epoch) => c.StartSlot(epoch + 1) - 1;
}
