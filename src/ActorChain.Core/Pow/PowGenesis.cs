using ActorChain.Core.Codec;
using ActorChain.Core.Crypto;

namespace ActorChain.Core.Pow;

/// <summary>The genesis block of the PoW chain (CONSENSUS.md §3); its state is the caller's <c>LedgerState.Genesis(...)</c>.</summary>
public static class PowGenesis
{
    /// <summary>Height 0, parent and miner zero, the configured genesis target, coinbase 0, no transactions, nonce 0.</summary>
    public static PowBlock Block(PowParams p, ulong timestamp)
    {
        ArgumentNullException.ThrowIfNull(p);
        var header = new PowHeader(0, Hash32.Zero, timestamp, p.GenesisTarget, PowBlock.TxRoot(0, []), Address.Zero, 0);
        return new PowBlock(header, 0, []);
    }
}
