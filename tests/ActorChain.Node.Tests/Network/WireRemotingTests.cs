using System.Net.Sockets;
using ActorChain.Node.Network;
using Akka.Actor;
using Akka.Configuration;
using Akka.Serialization;

namespace ActorChain.Node.Tests.Network;

/// <summary>
/// Two actor systems over Akka.Remote (DotNetty on 127.0.0.1, port 0) with the repository's serializer bindings (Java
/// PeerMessageDropOverArteryTest): a peer message crosses and arrives decoded and equal; an oversized one is dropped
/// and the systems live on; garbage on the remoting port, or bytes the wire serializer cannot decode, do not take the
/// receiver down. The receiving system is the TestKit's; "/user/node" forwards what arrives to the test actor.
/// </summary>
public sealed class WireRemotingTests() : Akka.TestKit.Xunit2.TestKit(RemoteConfig("wire-b"))
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    /// <summary>A remote-provider system on a free port, with cluster.hocon's bindings and frame size.</summary>
    public static Config RemoteConfig(string name, string extra = "") => ConfigurationFactory.ParseString($$"""
        akka.loglevel = WARNING
        akka.actor.provider = remote
        akka.remote.dot-netty.tcp { hostname = "127.0.0.1", port = 0 }
        akka.test.timefactor = 1
        {{extra}}
        """).WithFallback(WireConfig.Repo);

    private static bool Skipped => Environment.GetEnvironmentVariable("ACTORCHAIN_SKIP_CLUSTER") == "1";

    [SkippableFact(Timeout = 60_000)]
    public async Task A_peer_message_crosses_oversized_and_garbage_are_dropped_and_the_systems_live_on()
    {
        Skip.If(Skipped, "ACTORCHAIN_SKIP_CLUSTER=1");
        Sys.ActorOf(Props.Create(() => new Forwarder(TestActor)), "node");
        var address = ((ExtendedActorSystem)Sys).Provider.DefaultAddress;
        using var sender = ActorSystem.Create("wire-a", RemoteConfig("wire-a"));
        var node = await sender.ActorSelection(new RootActorPath(address) / "user" / "node").ResolveOne(Wait);

        // 1. A beacon block crosses and arrives decoded and equal.
        var block = new NodeGuardian.FromPeer(1, new Wire.BeaconBlockGossip(WireSamples.SmallBeaconBlock(4)));
        node.Tell(block);
        WireAssert.Same(ExpectMsg<NodeGuardian.FromPeer>(Wait), block);
        foreach (var m in WireSamples.Messages)
            node.Tell(m);
        foreach (var m in WireSamples.Messages)
            WireAssert.Same(ExpectMsg<object>(Wait), m);

        // 2. Above the serializer's cap (12 MiB) but within the frame (16 MiB): it crosses, the receiver's serializer
        //    refuses it, and it is counted as oversized.
        var big = new NodeGuardian.FromPeer(1,
            new Wire.AttestationBatch([.. Enumerable.Range(0, 70_000).Select(i => WireSamples.Vote((ulong)i))]));
        WireSerializer.Encode(big).Length.Should().BeInRange(WireSerializer.MaxBytes + 1, 16 * 1024 * 1024 - 64 * 1024);
        node.Tell(big);
        ExpectMsg<MalformedWire>(Wait).Reason.Should().Contain("over the cap");
        DroppedMessages.Get(Sys).Count(DroppedMessages.Reason.Oversized).Should().Be(1);

        //    Above the frame size (16 MiB): dropped by the sender's transport; the association stays up.
        var huge = new NodeGuardian.FromPeer(1,
            new Wire.AttestationBatch([.. Enumerable.Range(0, 90_000).Select(i => WireSamples.Vote((ulong)i))]));
        WireSerializer.Encode(huge).Length.Should().BeGreaterThan(16 * 1024 * 1024, "over the frame size");
        node.Tell(huge);
        node.Tell(new NodeGuardian.MergeForwarded(1));
        ExpectMsg<NodeGuardian.MergeForwarded>(Wait).Height.Should().Be(1, "the oversized message was dropped, the next one arrives");

        // 3. Garbage on the remoting port: a lying frame length, a junk frame, random bytes; each connection is dropped.
        var rng = new Random(12);
        foreach (var junk in new[] { new byte[] { 0x7f, 0xff, 0xff, 0xff, 1, 2, 3 }, [0, 0, 0, 16, .. new byte[16]], RandomBytes(rng, 4096) })
        {
            using var tcp = new TcpClient();
            tcp.Connect("127.0.0.1", address.Port!.Value);
            tcp.GetStream().Write(junk);
            tcp.GetStream().Flush();
        }

        node.Tell(new NodeGuardian.MergeForwarded(2));
        ExpectMsg<NodeGuardian.MergeForwarded>(Wait).Height.Should().Be(2, "the receiver survived the garbage");

        // 4. A well-formed frame whose payload the wire serializer cannot decode: a MalformedWire where it was addressed.
        using var liar = ActorSystem.Create("wire-c", RemoteConfig("wire-c", $$"""
            akka.actor.serializers.wire = "{{typeof(LyingSerializer).AssemblyQualifiedName}}"
            akka.actor.serialization-bindings { "{{typeof(Lie).AssemblyQualifiedName}}" = wire }
            """));
        var nodeFromLiar = await liar.ActorSelection(new RootActorPath(address) / "user" / "node").ResolveOne(Wait);
        nodeFromLiar.Tell(new Lie());
        var malformed = ExpectMsg<MalformedWire>(Wait);
        malformed.Manifest.Should().Be(WireSerializer.FromPeerManifest);
        malformed.FromNode.Should().Be(9);
        malformed.Reason.Should().Contain("truncated");
        DroppedMessages.Get(Sys).Count(DroppedMessages.Reason.Truncated).Should().Be(1);

        node.Tell(new NodeGuardian.MergeForwarded(3));
        ExpectMsg<NodeGuardian.MergeForwarded>(Wait).Height.Should().Be(3);
        Sys.WhenTerminated.IsCompleted.Should().BeFalse();
        sender.WhenTerminated.IsCompleted.Should().BeFalse();
    }

    private static byte[] RandomBytes(Random rng, int n)
    {
        var b = new byte[n];
        rng.NextBytes(b);
        return b;
    }

    /// <summary>Forwards everything to the test actor.</summary>
    private sealed class Forwarder : ReceiveActor
    {
        public Forwarder(IActorRef to) => ReceiveAny(to.Forward);
    }

    /// <summary>A message that a lying peer sends as a truncated FromPeer.</summary>
    public sealed record Lie;

    /// <summary>Claims to be the wire serializer and writes a FromPeer from node 9 cut short.</summary>
    public sealed class LyingSerializer(ExtendedActorSystem system) : SerializerWithStringManifest(system)
    {
        /// <inheritdoc />
        public override int Identifier => WireSerializer.Id;

        /// <inheritdoc />
        public override string Manifest(object o) => WireSerializer.FromPeerManifest;

        /// <inheritdoc />
        public override byte[] ToBinary(object obj)
        {
            var whole = WireSerializer.Encode(new NodeGuardian.FromPeer(9, new Wire.BlockGossip(WireSamples.PowBlock(2, []))));
            return whole[..^3];
        }

        /// <inheritdoc />
        public override object FromBinary(byte[] bytes, string manifest) => new Lie();
    }
}
