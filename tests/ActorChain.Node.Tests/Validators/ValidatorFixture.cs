using System.Text;
using ActorChain.Core;
using ActorChain.Core.Codec;
using ActorChain.Core.Pos;
using ActorChain.Core.Pos.Block;
using ActorChain.Core.Pos.Model;
using ActorChain.Node.Configuration;
using ActorChain.Node.Storage;
using ActorChain.Node.Time;
using Akka.Actor;

namespace ActorChain.Node.Tests.Validators;

/// <summary>What the validator tests share: one validator <c>v0</c> of 32 coins, the minimal preset, votes by epochs.</summary>
internal static class ValidatorFixture
{
    public static readonly ConsensusConfig Config = ConsensusConfig.Minimal;

    public static readonly ChainSettings Settings = ChainSettings.Defaults with
    {
        Validators = [new NamedAmount("v0", Units.Coins(32))],
    };

    /// <summary>A node with these stores; its events go to <paramref name="events"/>.</summary>
    public static NodeContext NodeWith(ActorSystem system, NodeStores stores, IActorRef events) =>
        new(0, SchedulerClock.Of(system), events, Settings, 1, new TransitionMemo(), stores);

    public static Hash32 Root(string label) => Sha256.Hash(Encoding.ASCII.GetBytes(label));

    /// <summary>A vote of slot 3 of <paramref name="target"/>'s epoch from <paramref name="source"/>, with head <paramref name="head"/>.</summary>
    public static AttestationData Vote(ulong source, ulong target, string head) =>
        new(Config.StartSlot(target) + 3, 0, Root(head), new Checkpoint(source, Root("s" + source)), new Checkpoint(target, Root("t" + target)));
}

/// <summary>A PoS genesis of eight 32-coin validators <c>v0</c>…<c>v7</c> anchored on the block <c>terminal</c>.</summary>
internal static class EightValidators
{
    public static readonly System.Collections.Immutable.ImmutableArray<string> Names = [.. Enumerable.Range(0, 8).Select(i => "v" + i)];

    public static readonly ChainSettings Settings = ValidatorFixture.Settings with
    {
        Validators = [.. Names.Select(n => new NamedAmount(n, Units.Coins(32)))],
    };

    public static readonly Hash32 Anchor = ValidatorFixture.Root("terminal");

    /// <summary>A fresh genesis state (slot 0).</summary>
    public static Core.Pos.State.BeaconState Genesis() =>
        Core.Pos.Epoch.PosGenesis.Create([.. Names.Select(n => new Core.Pos.Epoch.GenesisValidator(Settings.Key(n).PublicKey, Units.Coins(32)))],
            Anchor, 0, Core.Ledger.Accounts.Empty, 1_000_000_000, ValidatorFixture.Config, 0);

    /// <summary>The genesis state advanced to <paramref name="slot"/>.</summary>
    public static Core.Pos.State.BeaconState At(ulong slot)
    {
        var s = Genesis();
        Core.Pos.Epoch.SlotProcessing.ProcessSlots(s, slot, ValidatorFixture.Config, trace: false);
        return s;
    }
}
