using System.Collections.Immutable;
using ActorChain.Core;
using ActorChain.Core.Codec;
using ActorChain.Core.Pos.Block;
using ActorChain.Core.Pow;
using ActorChain.Node.Configuration;
using ActorChain.Node.Storage;
using ActorChain.Node.Time;
using Akka.Actor;

namespace ActorChain.Node.Tests.Chain;

/// <summary>A clock the test sets.</summary>
internal sealed class ManualClock(long nowMillis) : IClock
{
    /// <inheritdoc />
    public long NowMillis { get; set; } = nowMillis;
}

/// <summary>Settings, a node context and PoW blocks for the chain actor tests: simulated PoW, four genesis validators.</summary>
internal static class ChainFixture
{
    /// <summary>Simulated PoW (no hash ≤ target check), four 32-coin validators, a merge at <paramref name="mergeAt"/> if given.</summary>
    public static ChainSettings Settings(ulong? mergeAt = null, int confirmations = 2) => ChainSettings.Defaults with
    {
        PowMode = PowMode.Simulated,
        Pow = ChainSettings.Defaults.Pow.WithCheckProofOfWork(false),
        Validators = [.. Enumerable.Range(0, 4).Select(i => new NamedAmount("v" + i, Units.Coins(32)))],
        Consensus = ConsensusSettings.None with { MergeAtHeight = mergeAt, MergeConfirmations = confirmations },
    };

    /// <summary>Node 0 of a network: events go to <paramref name="events"/>; the clock is far past every block built here.</summary>
    public static NodeContext Node(ChainSettings settings, IActorRef events, NodeStores? stores = null) =>
        new(0, new ManualClock(10_000_000), events, settings, 42, new TransitionMemo(), stores ?? NodeStores.InMemory());
}

/// <summary>A PoW chain built beside the actor with core's <see cref="PowBlockBuilder"/>, to feed it blocks.</summary>
internal sealed class PowChain(ChainSettings settings)
{
    private readonly BlockTree _tree = new(settings.GenesisBlock(), settings.GenesisLedger(), settings.Pow);

    /// <summary>The genesis block.</summary>
    public PowBlock Genesis => _tree.Genesis;

    /// <summary>A valid child of <paramref name="parent"/>, 2 s later; <paramref name="miner"/> makes siblings distinct.</summary>
    public PowBlock Child(PowBlock parent, string miner = "m0")
    {
        var ctx = _tree.ContextFor(parent.Hash);
        var ts = PowBlockBuilder.TimestampFor(ctx, parent.Timestamp + settings.Pow.BlockTimeMillis);
        var b = PowBlockBuilder.Build(ctx, settings.Key(miner).Address, ts, [], settings.Pow);
        _tree.ImportBlock(b, ulong.MaxValue / 2);
        return b;
    }

    /// <summary><paramref name="count"/> blocks in a row on <paramref name="parent"/>, ascending.</summary>
    public ImmutableArray<PowBlock> Extend(PowBlock parent, int count, string miner = "m0")
    {
        var blocks = ImmutableArray.CreateBuilder<PowBlock>();
        for (var i = 0; i < count; i++)
        {
            parent = Child(parent, miner);
            blocks.Add(parent);
        }

        return blocks.DrainToImmutable();
    }

    /// <summary>A child of <paramref name="parent"/> whose target breaks the retarget rule.</summary>
    public static PowBlock WithWrongTarget(PowBlock valid)
    {
        var h = valid.Header;
        var bad = h with { Target = Hash32.FromUnsignedBigInteger(h.Target.ToUnsignedBigInteger() / 2) };
        return new PowBlock(bad, valid.Coinbase, valid.Transactions);
    }
}
