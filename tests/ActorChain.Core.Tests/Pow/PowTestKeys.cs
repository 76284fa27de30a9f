using ActorChain.Core.Crypto;

namespace ActorChain.Core.Tests.Pow;

/// <summary>Deterministic keys for the PoW tests (derivation is not free, so each is made once).</summary>
internal static class PowTestKeys
{
    public const string ChainSeed = "actorchain-test";

    public static readonly SigningKey Alice = Keys.FromName(ChainSeed, "alice");
    public static readonly SigningKey Bob = Keys.FromName(ChainSeed, "bob");
    public static readonly SigningKey Carol = Keys.FromName(ChainSeed, "carol");
    public static readonly SigningKey Miner1 = Keys.FromName(ChainSeed, "miner-1");
    public static readonly SigningKey Miner2 = Keys.FromName(ChainSeed, "miner-2");
    public static readonly SigningKey Validator0 = Keys.FromName(ChainSeed, "v0");
}
