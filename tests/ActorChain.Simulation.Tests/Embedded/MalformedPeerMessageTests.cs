using ActorChain.Core.Codec;
using ActorChain.Node;
using ActorChain.Node.Configuration;
using ActorChain.Node.Network;
using Akka.Actor;

namespace ActorChain.Simulation.Tests.Embedded;

/// <summary>
/// Garbage from a peer is dropped and counted; the node keeps importing blocks (Java MalformedPeerMessageTest). Within
/// one process payloads travel decoded, so garbage is a payload with a missing part, a bad count, or of no known kind.
/// </summary>
public sealed class MalformedPeerMessageTests
{
    private sealed record Strange : Wire;

    [Fact]
    public void Drops_and_counts_malformed_payloads_and_keeps_running()
    {
        using var rig = new EmbeddedRig(2, new Dictionary<int, ulong> { [0] = 1000 }, new LinkSettings(10, 0, 0.0));
        rig.RunFor(TimeSpan.FromSeconds(30));
        var before = rig.HeadOf(1).Height;
        var node1 = rig.Node(1);
        Wire[] garbage =
        [
            new Wire.BlockGossip(null!),
            new Wire.TxGossip(null!),
            new Wire.BlocksRequest(Hash32.Zero, 0),
            new Wire.BlocksResponse([null!]),
            new Wire.BlocksResponse(default),
            new Wire.ProposerSlashingGossip(null!),
            new Wire.AttesterSlashingGossip(null!),
            new Wire.AttestationBatch([null!, null!]),
            new Strange(),
        ];

        foreach (var w in garbage)
            node1.Tell(new NodeGuardian.FromPeer(0, w));
        rig.RunFor(TimeSpan.FromSeconds(30));

        rig.Status(1).MalformedMessages.Should().Be(garbage.Length);
        rig.Events("malformed_message").Should().HaveCount(garbage.Length)
            .And.AllSatisfy(e => e["detail"].Should().BeOfType<string>().Which.Should().NotBeNullOrWhiteSpace());
        rig.HeadOf(1).Height.Should().BeGreaterThan(before, "node 1 still imports blocks");
        rig.HeadOf(1).Hash.Should().Be(rig.HeadOf(0).Hash);
    }

    [Fact]
    public void Names_what_is_missing()
    {
        PeerInbox.Problem(new Wire.BlockGossip(null!)).Should().Be("block gossip without a block");
        PeerInbox.Problem(new Wire.AttestationBatch(default)).Should().Be("attestation batch without a list");
        PeerInbox.Problem(new Wire.BeaconBlocksResponse([null!])).Should().Be("beacon blocks response with a missing item");
        PeerInbox.Problem(new Strange()).Should().Be("unknown payload Strange");
        PeerInbox.Problem(new Wire.BlocksRequest(Hash32.Zero, 4)).Should().BeNull();
    }
}
