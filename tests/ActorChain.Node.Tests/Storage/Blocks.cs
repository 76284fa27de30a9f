using ActorChain.Core.Codec;
using ActorChain.Core.Crypto;
using ActorChain.Core.Pos.Model;
using ActorChain.Core.Pow;
using ActorChain.Node.Storage;

namespace ActorChain.Node.Tests.Storage;

/// <summary>Small real blocks for the store tests.</summary>
internal static class Blocks
{
    /// <summary>A PoW block at <paramref name="height"/> on <paramref name="parent"/>; <paramref name="nonce"/> makes siblings distinct.</summary>
    public static PowBlock Pow(ulong height, Hash32 parent, ulong nonce)
    {
        const ulong coinbase = 50;
        var header = new PowHeader(height, parent, 1_000 * height, PowParams.DefaultGenesisTarget,
            PowBlock.TxRoot(coinbase, []), Address.Zero, nonce);
        return new PowBlock(header, coinbase, []);
    }

    /// <summary>An empty, unsigned beacon block at <paramref name="slot"/> on <paramref name="parent"/>.</summary>
    public static BeaconBlock Beacon(ulong slot, Hash32 parent)
    {
        var body = BeaconBlockBody.Empty(Signature.Empty);
        var header = new BeaconBlockHeader(slot, slot % 4, parent, Hash32.Zero, body.Root);
        return new BeaconBlock(header, body, Signature.Empty);
    }

    /// <summary>The roots of <paramref name="blocks"/>, in order.</summary>
    public static IReadOnlyList<Hash32> Roots(IEnumerable<StoredBlock> blocks) => [.. blocks.Select(b => b.Root)];
}
