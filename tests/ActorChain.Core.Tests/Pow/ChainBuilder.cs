using ActorChain.Core.Crypto;
using ActorChain.Core.Ledger;
using ActorChain.Core.Pow;
using ActorChain.Core.Transactions;
using static ActorChain.Core.Units;

namespace ActorChain.Core.Tests.Pow;

/// <summary>Builds PoW chains for tests: a genesis with funded accounts, a block tree, and valid children on demand.</summary>
internal sealed class ChainBuilder
{
    public const ulong GenesisTime = 1_700_000_000_000;

    /// <summary>A clock far enough ahead that no timestamp in these tests is too far in the future.</summary>
    public const ulong LateNow = long.MaxValue / 4;

    public static readonly Address Alice = TestKeys.Alice.Address;
    public static readonly Address Bob = TestKeys.Bob.Address;
    public static readonly Address Miner1 = TestKeys.Miner1.Address;
    public static readonly Address Miner2 = TestKeys.Miner2.Address;

    public ChainBuilder(PowParams p, LedgerState genesisState)
    {
        Params = p;
        GenesisState = genesisState;
        Genesis = PowGenesis.Block(p, GenesisTime);
        Tree = new BlockTree(Genesis, genesisState, p);
    }

    public PowParams Params { get; }

    public LedgerState GenesisState { get; }

    public PowBlock Genesis { get; }

    public BlockTree Tree { get; }

    /// <summary>Simulated proof of work (no hash ≤ target check), alice 100 coins, bob 5 coins, validator v0 with 32.</summary>
    public static ChainBuilder Simulated() => new(PowParams.Defaults().WithCheckProofOfWork(false), StandardState());

    /// <summary>Real proof of work at about 16 hashes per block, so tests can mine.</summary>
    public static ChainBuilder RealEasy() => new(
        PowParams.Defaults().WithPowLimit(Targets.MaxTarget).WithGenesisTarget(Targets.ForExpectedWork(16)).WithCheckProofOfWork(true),
        StandardState());

    public static LedgerState StandardState() => LedgerState.Genesis(
        Accounts.Of([new Account(Alice, Coins(100), 0), new Account(Bob, Coins(5), 0)]),
        [RegistryEntry.Of(TestKeys.Validator0.PublicKey, Coins(32))]);

    /// <summary>A valid child of <paramref name="parent"/>, one block time later.</summary>
    public PowBlock Child(PowBlock parent, Address miner, IEnumerable<Transaction> candidates) =>
        Child(parent, miner, parent.Timestamp + Params.BlockTimeMillis, candidates);

    public PowBlock Child(PowBlock parent, Address miner, ulong timestamp, IEnumerable<Transaction> candidates) =>
        PowBlockBuilder.Build(Tree.ContextFor(parent.Hash), miner, timestamp, candidates, Params);

    /// <summary>Builds a child and imports it, failing the test unless it is imported.</summary>
    public PowBlock Extend(PowBlock parent, Address miner, IEnumerable<Transaction> candidates)
    {
        var b = Child(parent, miner, candidates);
        Imported(b);
        return b;
    }

    /// <summary>Extends <paramref name="parent"/> by <paramref name="n"/> empty blocks; returns the last.</summary>
    public PowBlock ExtendEmpty(PowBlock parent, Address miner, int n)
    {
        var tip = parent;
        for (var i = 0; i < n; i++)
        {
            tip = Extend(tip, miner, []);
        }

        return tip;
    }

    public ImportResult.Imported Imported(PowBlock b) =>
        Tree.ImportBlock(b, LateNow).Should().BeOfType<ImportResult.Imported>().Subject;

    /// <summary>The context for a child of <paramref name="parent"/>.</summary>
    public BlockContext ContextFor(PowBlock parent) => Tree.ContextFor(parent.Hash);

    /// <summary><paramref name="b"/> with a changed header and the same body.</summary>
    public static PowBlock WithHeader(PowBlock b, Func<PowHeader, PowHeader> change) =>
        new(change(b.Header), b.Coinbase, b.Transactions);

    /// <summary>A block with this body and a header whose txRoot matches it.</summary>
    public static PowBlock WithBody(PowBlock b, ulong coinbase, IReadOnlyList<Transaction> txs) =>
        new(b.Header with { TxRoot = PowBlock.TxRoot(coinbase, txs) }, coinbase, txs);

    /// <summary>Mines <paramref name="b"/> for real: the first nonce from 0 whose hash meets its target.</summary>
    public static PowBlock Mine(PowBlock b)
    {
        var nonce = new PowHasher(b.Header).Search(0, 1_000_000);
        nonce.Should().NotBeNull("an easy target is met within a million nonces");
        return b.WithNonce(nonce!.Value);
    }

    /// <summary>A nonce whose hash does not meet the target of <paramref name="b"/>.</summary>
    public static ulong UnminedNonce(PowBlock b)
    {
        var hasher = new PowHasher(b.Header);
        ulong bad = 0;
        while (hasher.MeetsTarget(bad))
        {
            bad++;
        }

        return bad;
    }
}
