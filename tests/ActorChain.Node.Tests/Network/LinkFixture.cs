using ActorChain.Core.Codec;
using ActorChain.Core.Crypto;
using ActorChain.Core.Pos.Block;
using ActorChain.Core.Pos.Model;
using ActorChain.Node.Configuration;
using ActorChain.Node.Network;
using ActorChain.Node.Time;
using Akka.Actor;

namespace ActorChain.Node.Tests.Network;

/// <summary>One message that reached the peer: the virtual ms it arrived at, the sending node and the payload.</summary>
public sealed record Arrival(long At, int From, Wire Payload);

/// <summary>Stands in for the peer's guardian: records every <see cref="NodeGuardian.FromPeer"/> with the virtual time it arrived.</summary>
public sealed class ArrivalRecorder : ReceiveActor
{
    /// <summary>Records into <paramref name="arrivals"/>.</summary>
    public ArrivalRecorder(List<Arrival> arrivals, IClock clock) =>
        Receive<NodeGuardian.FromPeer>(m => arrivals.Add(new Arrival(clock.NowMillis, m.FromNode, m.Payload)));
}

/// <summary>Helpers shared by the link tests: node contexts, message ids and payloads.</summary>
public static class LinkFixture
{
    /// <summary>A context of node <paramref name="nodeId"/> with these link settings, on <paramref name="system"/>'s clock.</summary>
    public static NodeContext Context(ActorSystem system, LinkSettings link, int nodeId = 7, ulong seed = 42) =>
        new(nodeId, SchedulerClock.Of(system), ActorRefs.Nobody, ChainSettings.Defaults with { Link = link }, seed,
            new TransitionMemo(), null!);

    /// <summary>A distinct message id for <paramref name="i"/>.</summary>
    public static Hash32 Id(int i) => Sha256Of(i);

    /// <summary>A distinct vote payload for <paramref name="i"/> (its slot is <paramref name="i"/>).</summary>
    public static Wire.AttestationGossip Vote(int i) =>
        new(new Attestation((ulong)i, new AttestationData((ulong)i, 0, Hash32.Zero, new Checkpoint(0, Hash32.Zero),
            new Checkpoint(0, Hash32.Zero)), Signature.Empty));

    /// <summary>A send of <see cref="Vote"/>(<paramref name="i"/>) with id <see cref="Id"/>(<paramref name="i"/>).</summary>
    public static PeerLinkActor.Send VoteSend(int i) => new(Vote(i), Id(i));

    private static Hash32 Sha256Of(int i) =>
        new(System.Security.Cryptography.SHA256.HashData(new[] { (byte)i, (byte)(i >> 8), (byte)(i >> 16) }));
}
