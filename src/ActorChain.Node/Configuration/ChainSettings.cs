using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using System.Numerics;
using ActorChain.Core.Codec;
using ActorChain.Core.Crypto;
using ActorChain.Core.Ledger;
using ActorChain.Core.Pow;
using ActorChain.Core.TxPool;

namespace ActorChain.Node.Configuration;

/// <summary>
/// Everything one chain's nodes must agree on, and how they mine and link: the `actorchain` block of
/// cluster.hocon, or what a scenario file sets. Immutable; change it with <c>with</c>.
/// </summary>
public sealed record ChainSettings(
    string ChainSeed,
    ulong GenesisTimestamp,
    ImmutableArray<NamedAmount> Accounts,
    ImmutableArray<NamedAmount> Validators,
    PowParams Pow,
    PowMode PowMode,
    int MinersPerNode,
    ulong MinerHashrate,
    int MiningChunk,
    LinkSettings Link,
    MempoolPolicy Mempool,
    ConsensusSettings Consensus)
{
    /// <summary>The defaults of cluster.hocon: alice, bob, carol and dave with 1,000,000 coins, no validators, real PoW.</summary>
    public static ChainSettings Defaults { get; } = new(
        "actorchain-devnet",
        0,
        [new("alice", Core.Units.Coins(1_000_000)), new("bob", Core.Units.Coins(1_000_000)),
         new("carol", Core.Units.Coins(1_000_000)), new("dave", Core.Units.Coins(1_000_000))],
        [],
        PowParams.Defaults().WithPowLimit(Targets.MaxTarget).WithGenesisTarget(GenesisTargetFor(2_000_000, 2_000)),
        PowMode.Real,
        1,
        1_000_000,
        16_384,
        LinkSettings.None,
        MempoolPolicy.Defaults,
        ConsensusSettings.None);

    /// <summary>The genesis target for miners of <paramref name="hashratePerSecond"/> in total to meet the block time.</summary>
    public static Hash32 GenesisTargetFor(ulong hashratePerSecond, ulong blockTimeMillis) =>
        Targets.ForExpectedWork(BigInteger.Max(BigInteger.One, new BigInteger(hashratePerSecond) * blockTimeMillis / 1000));

    /// <summary>The key of <paramref name="name"/>, derived from the chain seed (insecure on purpose: README, simplifications).</summary>
    public SigningKey Key(string name) => KeyCache.GetOrAdd((ChainSeed, name), static k => Keys.FromName(k.Seed, k.Name));

    // Keys and genesis ledgers are pure functions of the settings: every node of a process derives them once, not
    // once per node (16 nodes of 10,000 validators would otherwise derive 160,000 keys).
    private static readonly ConcurrentDictionary<(string Seed, string Name), SigningKey> KeyCache = new();
    private static readonly ConditionalWeakTable<ChainSettings, LedgerState> LedgerCache = new();

    /// <summary>The name of genesis validator <paramref name="index"/>, or <c>#index</c> for one that joined later.</summary>
    public string ValidatorName(ulong index) =>
        index < (ulong)Validators.Length ? Validators[(int)index].Name : "#" + index;

    /// <summary>
    /// Derives every genesis key over the cores (pure, cached by name), for a runner to call before it starts the actors:
    /// thousands of validators' keys are most of the start of a big run, and an actor must not fan out on its own.
    /// </summary>
    public void DeriveGenesisKeys()
    {
        string[] names = [.. Accounts.Select(a => a.Name), .. Validators.Select(v => v.Name)];
        if (names.Length >= 64)
            Parallel.ForEach(names, name => Key(name));
    }

    /// <summary>The genesis ledger: funded accounts and the validator registry the merge turns into PoS genesis.</summary>
    public LedgerState GenesisLedger() => LedgerCache.GetValue(this, static s => s.BuildGenesisLedger());

    private LedgerState BuildGenesisLedger()
    {
        var funded = Accounts.Select(a => new Account(Key(a.Name).Address, a.Gwei, 0));
        var registry = Validators.Select(v => new RegistryEntry(Key(v.Name).PublicKey, v.Gwei, false));
        return LedgerState.Genesis(Core.Ledger.Accounts.Of(funded), registry);
    }

    /// <summary>The PoW genesis block.</summary>
    public PowBlock GenesisBlock() => PowGenesis.Block(Pow, GenesisTimestamp);
}
