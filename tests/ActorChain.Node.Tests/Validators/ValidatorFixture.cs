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
    public static NodeContext Node(ActorSystem system, NodeStores stores, IActorRef events) =>
        new(0, SchedulerClock.Of(system), events, Settings, 1, new TransitionMemo(), stores);

    public static Hash32 Root(string label) => Sha256.Hash(Encoding.ASCII.GetBytes(label));

    /// <summary>A vote of slot 3 of <paramref name="target"/>'s epoch from <paramref name="source"/>, with head <paramref name="head"/>.</summary>
    public static AttestationData Vote(ulong source, ulong target, string head) =>
        new(Config.StartSlot(target) + 3, 0, Root(head), new Checkpoint(source, Root("s" + source)), new Checkpoint(target, Root("t" + target)));
}
