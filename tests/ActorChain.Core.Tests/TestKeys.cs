using ActorChain.Core.Crypto;

namespace ActorChain.Core.Tests;

/// <summary>Deterministic keys shared by the ledger, transaction, mempool and PoW tests (each derived once).</summary>
internal static class TestKeys
{
    public const string ChainSeed = "actorchain-test";
    public static readonly SigningKey Alice = Keys.FromName(ChainSeed, "alice");
    public static readonly SigningKey Bob = Keys.FromName(ChainSeed, "bob");
    public static readonly SigningKey Carol = Keys.FromName(ChainSeed, "carol");
    public static readonly SigningKey Dave = Keys.FromName(ChainSeed, "dave");
    public static readonly SigningKey Miner1 = Keys.FromName(ChainSeed, "miner-1");
    public static readonly SigningKey Miner2 = Keys.FromName(ChainSeed, "miner-2");
    public static readonly SigningKey Validator0 = Keys.FromName(ChainSeed, "v0");
    public static readonly SigningKey Validator1 = Keys.FromName(ChainSeed, "v1");

    /// <summary>Coins as gwei.</summary>
    public static ulong Coins(ulong n) => Units.Coins(n);
}
