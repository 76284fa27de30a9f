using System.Buffers.Binary;
using System.Collections.Immutable;
using ActorChain.Core.Pos;
using ActorChain.Core.Transactions;
using ActorChain.Node.Chain;
using ActorChain.Node.Network;
using Akka.Actor;
using CsCheck;
using Xunit.Abstractions;

namespace ActorChain.Node.Tests.Network;

/// <summary>
/// The wire serializer: every message that crosses processes round-trips through it, nothing falls through to Akka's
/// JSON serializer, and bad bytes (truncated, trailing, garbage, lying counts, oversized, unknown kinds) decode to a
/// <see cref="MalformedWire"/>, never an exception.
/// </summary>
public sealed class WireSerializerTests(ITestOutputHelper output) : IDisposable
{
    private readonly ActorSystem _system = ActorSystem.Create("wire", WireConfig.Strict());

    /// <inheritdoc />
    public void Dispose() => _system.Dispose();

    public static TheoryData<int> MessageIndexes() => [.. Enumerable.Range(0, WireSamples.Messages.Length)];

    [Theory]
    [MemberData(nameof(MessageIndexes))]
    public void Every_message_round_trips_through_the_bound_serializer(int index)
    {
        var message = WireSamples.Messages[index];
        var serializer = _system.Serialization.FindSerializerFor(message);
        serializer.Should().BeOfType<WireSerializer>("{0} crosses processes", message.GetType().Name);
        serializer.Identifier.Should().Be(WireSerializer.Id);

        var bytes = serializer.ToBinary(message);
        var manifest = Akka.Serialization.Serialization.ManifestFor(serializer, message);
        var decoded = _system.Serialization.Deserialize(bytes, serializer.Identifier, manifest);

        decoded.Should().NotBeOfType<MalformedWire>();
        WireAssert.Same(decoded, message);
    }

    [Fact]
    public void Every_wire_message_type_in_the_node_has_a_manifest_and_a_sample()
    {
        var wireTypes = typeof(IWireMessage).Assembly.GetTypes()
            .Where(t => typeof(IWireMessage).IsAssignableFrom(t) && t is { IsAbstract: false, IsInterface: false })
            .ToList();
        wireTypes.Should().Contain([typeof(NodeGuardian.FromPeer), typeof(NodeGuardian.MergeForwarded), typeof(Wire.Hello)]);
        foreach (var t in wireTypes)
        {
            WireSerializer.Manifests.Should().ContainKey(t, "{0} is an IWireMessage", t.FullName);
            WireSamples.Messages.Select(m => m.GetType()).Should().Contain(t, "the round-trip tests cover {0}", t.Name);
        }

        WireSerializer.Manifests.Values.Should().OnlyHaveUniqueItems();
    }

    [Fact]
    public void Nothing_a_node_sends_to_a_peer_falls_through_to_json()
    {
        // What leaves a node for another process: FromPeer of every payload (PeerLinkActor), MergeForwarded (guardian),
        // and Hello (cluster directory). Each must find the wire serializer, not the System.Object binding.
        var sent = WireSamples.Payloads.Select(p => (object)new NodeGuardian.FromPeer(1, p))
            .Append(new NodeGuardian.MergeForwarded(1))
            .Concat(WireSamples.Payloads);
        foreach (var m in sent)
            _system.Serialization.FindSerializerFor(m).Should().BeOfType<WireSerializer>("{0} crosses processes", m);
    }

    [Fact]
    public void The_strict_test_binding_refuses_an_unmarked_actorchain_message()
    {
        var unmarked = new Unmarked(1);
        var serializer = _system.Serialization.FindSerializerFor(unmarked);
        serializer.Should().BeOfType<StrictJsonSerializer>();
        var act = () => serializer.ToBinary(unmarked);
        act.Should().Throw<InvalidOperationException>().WithMessage("*would fall through to Akka's JSON serializer*");
    }

    [Fact]
    public void Every_truncation_and_extension_of_an_encoded_block_is_malformed()
    {
        foreach (var message in new object[]
                 {
                     new NodeGuardian.FromPeer(2, new Wire.BeaconBlockGossip(WireSamples.SmallBeaconBlock(3))),
                     new Wire.BlockGossip(WireSamples.PowBlock(5, WireSamples.Txs)),
                     WireSamples.Payloads[^2],
                 })
        {
            var bytes = WireSerializer.Encode(message);
            var manifest = WireSerializer.Manifests[message.GetType()];
            for (var n = 0; n < bytes.Length; n++)
            {
                var result = WireSerializer.Decode(bytes.AsMemory(0, n), manifest);
                result.Should().BeOfType<MalformedWire>("{0} of {1} bytes of {2}", n, bytes.Length, manifest)
                    .Which.Length.Should().Be(n);
            }

            var longer = WireSerializer.Decode(bytes.Append((byte)0).ToArray(), manifest).Should().BeOfType<MalformedWire>().Which;
            longer.Reason.Should().Contain("trailing");
        }
    }

    [Fact]
    public void A_truncated_from_peer_names_its_sender()
    {
        var bytes = WireSerializer.Encode(new NodeGuardian.FromPeer(7, new Wire.BeaconBlockGossip(WireSamples.SmallBeaconBlock(3))));
        var m = WireSerializer.Decode(bytes.AsMemory(0, bytes.Length - 1), WireSerializer.FromPeerManifest)
            .Should().BeOfType<MalformedWire>().Which;
        m.FromNode.Should().Be(7);
        m.Manifest.Should().Be("peer");
        m.Reason.Should().Contain("truncated");
    }

    [Fact]
    public void Random_garbage_never_throws_and_what_decodes_is_canonical()
    {
        var manifests = WireSerializer.Manifests.Values.Append("nonsense").Append("").ToArray();
        var samples = WireSamples.Messages.Select(WireSerializer.Encode).ToArray();
        // Garbage of any length, and samples with a few bytes changed (which get past the first checks).
        var garbage = Gen.Byte.Array[0, 600];
        var mutated = Gen.Select(Gen.Int[0, samples.Length - 1], Gen.Int[0, 1 << 20], Gen.Byte, (i, pos, b) =>
        {
            var s = (byte[])samples[i].Clone();
            if (s.Length > 0) s[pos % s.Length] = b;
            return s;
        });
        Gen.Select(Gen.OneOf(garbage, mutated), Gen.Int[0, manifests.Length - 1].Select(i => manifests[i])).Sample((bytes, manifest) =>
        {
            var result = WireSerializer.Decode(bytes, manifest);
            if (result is MalformedWire m)
            {
                m.Length.Should().Be(bytes.Length);
                m.Reason.Should().NotBeNullOrWhiteSpace();
            }
            else
            {
                WireSerializer.Encode(result).Should().Equal(bytes, "a decoded message re-encodes to the bytes it came from");
            }
        }, iter: 3000);
    }

    [Fact]
    public void A_lying_count_is_refused_before_any_allocation()
    {
        var lie = new byte[8];
        BinaryPrimitives.WriteUInt32LittleEndian(lie, uint.MaxValue);
        WireSerializer.Decode(lie.AsMemory(0, 4), "bblks").Should().BeOfType<MalformedWire>()
            .Which.Reason.Should().Contain("out of range");
        BinaryPrimitives.WriteUInt32LittleEndian(lie, ChainActor.MaxServedBeaconBlocks + 1);
        WireSerializer.Decode(lie.AsMemory(0, 4), "bblks").Should().BeOfType<MalformedWire>()
            .Which.Reason.Should().Contain("out of range");
        BinaryPrimitives.WriteUInt32LittleEndian(lie, PeerLinkActor.MaxBatch + 1);
        WireSerializer.Decode(lie.AsMemory(0, 4), "atts").Should().BeOfType<MalformedWire>();
        BinaryPrimitives.WriteUInt32LittleEndian(lie, ChainActor.MaxServedBlocks); // a true count with nothing behind it
        WireSerializer.Decode(lie.AsMemory(0, 4), "blks").Should().BeOfType<MalformedWire>()
            .Which.Reason.Should().Contain("truncated");
    }

    [Fact]
    public void Unknown_kinds_zero_requests_and_oversized_input_are_malformed()
    {
        WireSerializer.Decode(new byte[3], "no-such-kind").Should().BeOfType<MalformedWire>()
            .Which.Reason.Should().Contain("unknown manifest");
        var fromPeer = WireSerializer.Encode(new NodeGuardian.FromPeer(1, new Wire.TxGossip(WireSamples.Txs[0])));
        fromPeer[4] = 200; // the payload's kind tag
        WireSerializer.Decode(fromPeer, "peer").Should().BeOfType<MalformedWire>().Which.Reason.Should().Contain("unknown wire kind");
        var zero = WireSerializer.Encode(new Wire.BlocksRequest(WireSamples.H("x"), 1));
        zero[^4] = 0;
        WireSerializer.Decode(zero, "blkq").Should().BeOfType<MalformedWire>();
        WireSerializer.Decode(new byte[WireSerializer.MaxBytes + 1], "blk").Should().BeOfType<MalformedWire>()
            .Which.Reason.Should().Contain("over the cap");
        var viaAkka = _system.Serialization.Deserialize([1, 2, 3], WireSerializer.Id, "blk");
        viaAkka.Should().BeOfType<MalformedWire>();
    }

    [Fact]
    public void The_frame_size_fits_the_largest_sync_reply_and_vote_batch()
    {
        var frame = Akka.Configuration.ConfigurationFactory.ParseString(Node.Configuration.ChainSettingsLoader.DefaultHocon)
            .GetByteSize("akka.remote.dot-netty.tcp.maximum-frame-size");
        WireSerializer.MaxBytes.Should().BeLessThan((int)frame!.Value, "an oversized message must reach the serializer to be counted");

        var block = WireSamples.LargestBeaconBlock(ConsensusConfig.Minimal);
        var oneBlock = WireSerializer.Encode(new NodeGuardian.FromPeer(1, new Wire.BeaconBlockGossip(block))).Length;
        var reply = WireSerializer.Encode(new NodeGuardian.FromPeer(1,
            new Wire.BeaconBlocksResponse([.. Enumerable.Repeat(block, ChainActor.MaxServedBeaconBlocks)]))).Length;
        var powBlock = WireSamples.PowBlock(1, [.. Enumerable.Repeat(WireSamples.Txs[1], Fees.MaxTxsPerBlock)]);
        var powReply = ChainActor.MaxServedBytes + powBlock.Canonical().Length + 4 + 5;
        var votes = WireSerializer.Encode(new NodeGuardian.FromPeer(1,
            new Wire.AttestationBatch([.. Enumerable.Range(0, PeerLinkActor.MaxBatch).Select(i => WireSamples.Vote((ulong)i))]))).Length;
        var mainnet = WireSerializer.Encode(new Wire.BeaconBlockGossip(WireSamples.LargestBeaconBlock(ConsensusConfig.Mainnet))).Length;
        output.WriteLine($"largest beacon block (minimal) {oneBlock} B; BeaconBlocksResponse of {ChainActor.MaxServedBeaconBlocks}: {reply} B; " +
                         $"largest PoW block {powBlock.Canonical().Length} B, BlocksResponse at most {powReply} B; " +
                         $"AttestationBatch of {PeerLinkActor.MaxBatch}: {votes} B; mainnet beacon block {mainnet} B; frame {frame} B");

        reply.Should().BeLessThan((int)frame!.Value / 2 + 1, "the largest beacon sync reply fits twice in a frame");
        powReply.Should().BeLessThan((int)frame.Value);
        reply.Should().BeLessThan(WireSerializer.MaxBytes, "the serializer decodes the largest beacon sync reply");
        powReply.Should().BeLessThan(WireSerializer.MaxBytes);
        votes.Should().BeLessThan((int)frame.Value);
        mainnet.Should().BeLessThan((int)frame.Value, "one block of the mainnet preset fits too");
    }

    private sealed record Unmarked(int X);
}

/// <summary>Equality of decoded wire messages: same type and same canonical bytes, and record equality where it is by value.</summary>
internal static class WireAssert
{
    /// <summary>Fails unless <paramref name="actual"/> is the same message as <paramref name="expected"/>.</summary>
    public static void Same(object actual, object expected)
    {
        actual.Should().NotBeNull();
        actual.GetType().Should().Be(expected.GetType());
        WireSerializer.Encode(actual).Should().Equal(WireSerializer.Encode(expected));
        var payload = actual is NodeGuardian.FromPeer p ? p.Payload : actual;
        var expectedPayload = expected is NodeGuardian.FromPeer e ? e.Payload : expected;
        if (actual is NodeGuardian.FromPeer fp)
            fp.FromNode.Should().Be(((NodeGuardian.FromPeer)expected).FromNode);
        switch (payload)
        {
            // Records holding an ImmutableArray compare the arrays by reference: compare their items instead.
            case Wire.BlocksResponse r:
                r.Blocks.Should().Equal(((Wire.BlocksResponse)expectedPayload).Blocks);
                break;
            case Wire.BeaconBlocksResponse r:
                r.Blocks.Should().Equal(((Wire.BeaconBlocksResponse)expectedPayload).Blocks);
                break;
            case Wire.AttestationBatch b:
                b.Attestations.Should().Equal(((Wire.AttestationBatch)expectedPayload).Attestations);
                break;
            case Wire.Hello h:
                h.Should().BeEquivalentTo((Wire.Hello)expectedPayload, o => o.ComparingByMembers<Wire.Hello>());
                break;
            default:
                payload.Should().Be(expectedPayload);
                break;
        }
    }
}
