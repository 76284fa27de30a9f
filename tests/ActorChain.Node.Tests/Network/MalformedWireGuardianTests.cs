using ActorChain.Core.Codec;
using ActorChain.Node.Network;
using ActorChain.TestKit;
using Akka.Actor;

namespace ActorChain.Node.Tests.Network;

/// <summary>
/// What the wire serializer could not decode arrives at the guardian as a <see cref="MalformedWire"/>: dropped, counted,
/// logged once per kind with a <c>malformed_message</c> event, and the node lives on. Traffic from a node that is not
/// linked is ignored.
/// </summary>
public sealed class MalformedWireGuardianTests
{
    [Fact]
    public void Malformed_wire_is_counted_reported_once_per_kind_and_the_node_goes_on()
    {
        using var net = SimNetwork.Create("malformed-wire").Nodes(2).Miner(0, 1000).Start();
        net.RunFor(TimeSpan.FromSeconds(20));
        var before = net.HeadOf(1).Height;

        var node1 = net.Node(1);
        node1.Tell(new MalformedWire("peer", 100, "truncated: u64 needs 8 bytes") { FromNode = 0 });
        node1.Tell(new MalformedWire("peer", 90, "truncated again") { FromNode = 0 });
        node1.Tell(new MalformedWire("bblk", 12, "1 trailing bytes"));
        node1.Tell(new MalformedWire("made-up", 3, "unknown manifest 'made-up'"));
        node1.Tell(new MalformedWire("made-up-too", 3, "unknown manifest 'made-up-too'"));
        node1.Tell(new NodeGuardian.FromPeer(7, new Wire.BlocksRequest(Hash32.Zero, 0))); // node 7 is not linked: ignored
        net.RunFor(TimeSpan.FromSeconds(20));

        net.Status(1).MalformedMessages.Should().Be(5);
        var events = net.Events("malformed_message");
        events.Should().HaveCount(3, "one per kind: peer, bblk, and unknown manifests together");
        events[0].Fields.Should().Contain(new KeyValuePair<string, object?>("from", 0));
        events.Should().AllSatisfy(e => e.Fields.Should().Contain(kv => kv.Key == "detail"));
        net.HeadOf(1).Height.Should().BeGreaterThan(before, "node 1 still imports blocks");
    }
}
