using ActorChain.Core.Crypto;

namespace ActorChain.Core.Tests.Transactions;

/// <summary>Deterministic keys shared by the ledger, transaction and mempool tests (each derived once).</summary>
internal static class LedgerTestKeys
{
    public const string ChainSeed = "actorchain-test";
    public static readonly SigningKey Alice = Keys.FromName(ChainSeed, "alice");
    public static readonly SigningKey Bob = Keys.FromName(ChainSeed, "bob");
    public static readonly SigningKey Carol = Keys.FromName(ChainSeed, "carol");
    public static readonly SigningKey Dave = Keys.FromName(ChainSeed, "dave");
    public static readonly SigningKey Miner1 = Keys.FromName(ChainSeed, "miner-1");
    public static readonly SigningKey Validator0 = Keys.FromName(ChainSeed, "v0");
    public static readonly SigningKey Validator1 = Keys.FromName(ChainSeed, "v1");

    public static ulong Coins(ulong n) => Units.Coins(n);
}
