using System.Collections.Immutable;
using System.Runtime.Serialization;
using ActorChain.Core.Codec;
using ActorChain.Core.Pos.Model;
using ActorChain.Core.Pow;
using ActorChain.Core.Transactions;
using ActorChain.Node.Chain;
using Akka.Actor;
using Akka.Serialization;

namespace ActorChain.Node.Network;

/// <summary>
/// The one serializer of every message that crosses processes (<see cref="IWireMessage"/>: each <see cref="Wire"/>,
/// <see cref="NodeGuardian.FromPeer"/>, <see cref="NodeGuardian.MergeForwarded"/>), bound to the marker in
/// cluster.hocon. It writes core's canonical encoding (CONSENSUS.md §0) behind a short manifest per kind, and decodes
/// strictly: no truncation, no trailing bytes, counts capped at what a sender ever sends.
/// <para>
/// Decoding never throws; bad bytes become a <see cref="MalformedWire"/>. Why not throw: Akka.NET's classic remoting
/// (Akka.Remote/Endpoint.cs, <c>EndpointReader.Reading</c>) catches an exception of the deserializer around
/// <c>DefaultMessageDispatcher.Dispatch</c> and only logs a warning ("Deserialization failed ... association remains
/// live"): the message is lost without trace, the node cannot count it, and the sender stays unknown. A returned
/// object is dispatched like any message to the actor it was addressed to (the peer's guardian at /user/node), which
/// drops it, counts it in its status and emits a <c>malformed_message</c> event. The serializer's cap
/// (<see cref="MaxBytes"/>, 12 MiB) is below the transport's <c>maximum-frame-size</c> (16 MiB) so that an oversized
/// message reaches it and is counted (<see cref="DroppedMessages.Reason.Oversized"/>); only payloads over the frame
/// size never reach a serializer: the writer or reader drops them with an error log and the association stays up
/// (<c>OversizedPayloadException</c>, "Transient association error").
/// </para>
/// </summary>
public sealed class WireSerializer : SerializerWithStringManifest
{
    /// <summary>The serializer's fixed id (cluster.hocon binds it by type; the id travels with each message).</summary>
    public const int Id = 4201;

    /// <summary>No message is decoded from more bytes than this (12 MiB): below cluster.hocon's <c>maximum-frame-size</c> (16 MiB), above the largest reply (8.3 MB).</summary>
    public const int MaxBytes = 12 * 1024 * 1024;

    /// <summary>The most genesis validators (and hosted validators) a <see cref="Wire.Hello"/> may list.</summary>
    public const int MaxHelloValidators = 1 << 16;

    /// <summary>The manifest of <see cref="NodeGuardian.FromPeer"/>.</summary>
    public const string FromPeerManifest = "peer";

    /// <summary>The manifest of <see cref="NodeGuardian.MergeForwarded"/>.</summary>
    public const string MergeForwardedManifest = "merge";

    // The tag of each Wire kind (inside a FromPeer) is its index here; the manifest of a bare Wire is the name.
    private static readonly ImmutableArray<(Type Type, string Manifest)> Kinds =
    [
        (typeof(Wire.BlockGossip), "blk"),
        (typeof(Wire.TxGossip), "tx"),
        (typeof(Wire.BlocksRequest), "blkq"),
        (typeof(Wire.BlocksResponse), "blks"),
        (typeof(Wire.BeaconBlockGossip), "bblk"),
        (typeof(Wire.AttestationGossip), "att"),
        (typeof(Wire.AttestationBatch), "atts"),
        (typeof(Wire.BeaconBlocksRequest), "bblkq"),
        (typeof(Wire.BeaconBlocksResponse), "bblks"),
        (typeof(Wire.ProposerSlashingGossip), "pslash"),
        (typeof(Wire.AttesterSlashingGossip), "aslash"),
        (typeof(Wire.Hello), "hello"),
    ];

    private static readonly ImmutableDictionary<Type, byte> TagByType =
        Kinds.Select((k, i) => KeyValuePair.Create(k.Type, (byte)i)).ToImmutableDictionary();

    private static readonly ImmutableDictionary<string, byte> TagByManifest =
        Kinds.Select((k, i) => KeyValuePair.Create(k.Manifest, (byte)i)).ToImmutableDictionary(StringComparer.Ordinal);

    /// <summary>Built by Akka from the binding in cluster.hocon.</summary>
    public WireSerializer(ExtendedActorSystem system) : base(system) { }

    /// <inheritdoc />
    public override int Identifier => Id;

    /// <summary>Every manifest this serializer writes, by message type (the <see cref="IWireMessage"/> types it covers).</summary>
    public static ImmutableDictionary<Type, string> Manifests { get; } =
        Kinds.ToImmutableDictionary(k => k.Type, k => k.Manifest)
            .Add(typeof(NodeGuardian.FromPeer), FromPeerManifest)
            .Add(typeof(NodeGuardian.MergeForwarded), MergeForwardedManifest);

    /// <summary>Whether <paramref name="manifest"/> is one this serializer writes.</summary>
    public static bool IsKnownManifest(string manifest) =>
        manifest is FromPeerManifest or MergeForwardedManifest || TagByManifest.ContainsKey(manifest);

    /// <inheritdoc />
    public override string Manifest(object o)
    {
        ArgumentNullException.ThrowIfNull(o);
        return Manifests.TryGetValue(o.GetType(), out var m)
            ? m
            : throw new ArgumentException("not a wire message: " + o.GetType().FullName, nameof(o));
    }

    /// <inheritdoc />
    /// <remarks>
    /// Only an ArgumentException or a SerializationException leaves the association to a peer up (Endpoint.cs,
    /// <c>EndpointWriter.WriteSend</c>: "Transient association error"); anything else would fail the endpoint.
    /// </remarks>
    public override byte[] ToBinary(object obj)
    {
        try
        {
            return Encode(obj);
        }
        catch (Exception e) when (e is not ArgumentException)
        {
            throw new SerializationException("cannot encode " + obj?.GetType().Name + ": " + e.Message, e);
        }
    }

    /// <summary>The canonical bytes of <paramref name="obj"/>, an <see cref="IWireMessage"/> (ArgumentException otherwise).</summary>
    public static byte[] Encode(object obj)
    {
        var w = new CanonicalWriter(256);
        switch (obj)
        {
            case NodeGuardian.FromPeer p:
                ArgumentNullException.ThrowIfNull(p.Payload, nameof(obj));
                w.U32Le(unchecked((uint)p.FromNode)).U8(Tag(p.Payload));
                WritePayload(w, p.Payload);
                break;
            case NodeGuardian.MergeForwarded m:
                w.U64Le(m.Height);
                break;
            case Wire payload:
                WritePayload(w, payload);
                break;
            default:
                throw new ArgumentException("not a wire message: " + obj?.GetType().FullName, nameof(obj));
        }

        return w.ToArray();
    }

    /// <inheritdoc />
    /// <remarks>What does not decode is also counted by reason in the system's <see cref="DroppedMessages"/>.</remarks>
    public override object FromBinary(byte[] bytes, string manifest)
    {
        var result = Decode(bytes, manifest);
        if (result is MalformedWire m)
            DroppedMessages.Get(system).Record(ReasonOf(m));
        return result;
    }

    /// <summary>Why <paramref name="m"/> was refused, as <see cref="DroppedMessages"/> counts it.</summary>
    public static DroppedMessages.Reason ReasonOf(MalformedWire m)
    {
        ArgumentNullException.ThrowIfNull(m);
        return m.Length > MaxBytes ? DroppedMessages.Reason.Oversized
            : m.Reason.StartsWith("truncated", StringComparison.Ordinal) ? DroppedMessages.Reason.Truncated
            : DroppedMessages.Reason.Malformed;
    }

    /// <summary>
    /// The message <paramref name="bytes"/> encode under <paramref name="manifest"/>, or a <see cref="MalformedWire"/>
    /// saying why they do not. Never throws.
    /// </summary>
    public static object Decode(ReadOnlyMemory<byte> bytes, string? manifest)
    {
        manifest ??= "";
        var shown = Shorten(manifest); // a peer chooses the manifest: never keep or log a long one
        if (bytes.Length > MaxBytes)
            return new MalformedWire(shown, bytes.Length, $"{bytes.Length} bytes, over the cap of {MaxBytes}");
        int? from = null;
        try
        {
            var r = new CanonicalReader(bytes);
            object? value = manifest switch
            {
                FromPeerManifest => ReadFromPeer(r, ref from),
                MergeForwardedManifest => new NodeGuardian.MergeForwarded(r.U64Le()),
                _ when TagByManifest.TryGetValue(manifest, out var tag) => ReadPayload(tag, r),
                _ => null,
            };
            if (value is null)
                return new MalformedWire(shown, bytes.Length, "unknown manifest '" + shown + "'");
            r.ExpectEnd();
            return value;
        }
#pragma warning disable CA1031 // a peer's bytes must never throw out of the transport (see the class summary)
        catch (Exception e)
#pragma warning restore CA1031
        {
            return new MalformedWire(shown, bytes.Length, e.Message) { FromNode = from };
        }
    }

    private static NodeGuardian.FromPeer ReadFromPeer(CanonicalReader r, ref int? from)
    {
        var node = unchecked((int)r.U32Le());
        from = node;
        return new NodeGuardian.FromPeer(node, ReadPayload(r.U8(), r));
    }

    private static byte Tag(Wire w) =>
        TagByType.TryGetValue(w.GetType(), out var tag) ? tag : throw new ArgumentException("unknown wire kind " + w.GetType().Name, nameof(w));

    private static void WritePayload(CanonicalWriter w, Wire payload)
    {
        switch (payload)
        {
            case Wire.BlockGossip b:
                b.Block.WriteTo(w);
                break;
            case Wire.TxGossip t:
                t.Tx.WriteTo(w);
                break;
            case Wire.BlocksRequest q:
                w.Fixed(q.Root).U32Le(unchecked((uint)q.Max));
                break;
            case Wire.BlocksResponse s:
                w.List(s.Blocks, static (o, b) => b.WriteTo(o));
                break;
            case Wire.BeaconBlockGossip b:
                b.Block.WriteTo(w);
                break;
            case Wire.AttestationGossip a:
                a.Attestation.WriteTo(w);
                break;
            case Wire.AttestationBatch a:
                w.List(a.Attestations);
                break;
            case Wire.BeaconBlocksRequest q:
                w.Fixed(q.Root).U32Le(unchecked((uint)q.Max));
                break;
            case Wire.BeaconBlocksResponse s:
                w.List(s.Blocks, static (o, b) => b.WriteTo(o));
                break;
            case Wire.ProposerSlashingGossip p:
                p.Evidence.WriteTo(w);
                break;
            case Wire.AttesterSlashingGossip a:
                a.Evidence.WriteTo(w);
                break;
            case Wire.Hello h:
                WriteHello(w, h);
                break;
            default:
                throw new ArgumentException("unknown wire kind " + payload.GetType().Name, nameof(payload));
        }
    }

    private static Wire ReadPayload(byte tag, CanonicalReader r) => tag switch
    {
        0 => new Wire.BlockGossip(PowBlock.Read(r)),
        1 => new Wire.TxGossip(Transaction.Read(r)),
        2 => new Wire.BlocksRequest(Hash32.Read(r), RequestMax(r)),
        3 => new Wire.BlocksResponse(r.List(PowBlock.Read, ChainActor.MaxServedBlocks)),
        4 => new Wire.BeaconBlockGossip(BeaconBlock.Read(r)),
        5 => new Wire.AttestationGossip(Attestation.Read(r)),
        6 => new Wire.AttestationBatch(r.List(Attestation.Read, PeerLinkActor.MaxBatch)),
        7 => new Wire.BeaconBlocksRequest(Hash32.Read(r), RequestMax(r)),
        8 => new Wire.BeaconBlocksResponse(r.List(BeaconBlock.Read, ChainActor.MaxServedBeaconBlocks)),
        9 => new Wire.ProposerSlashingGossip(ProposerSlashing.Read(r)),
        10 => new Wire.AttesterSlashingGossip(AttesterSlashing.Read(r)),
        11 => ReadHello(r),
        _ => throw CanonicalReader.Reject("unknown wire kind tag " + tag),
    };

    /// <summary>A sync request's size: 1 to <see cref="int.MaxValue"/> (the server serves at most its own cap).</summary>
    private static int RequestMax(CanonicalReader r)
    {
        var max = r.U32Le();
        return max is >= 1 and <= int.MaxValue ? (int)max : throw CanonicalReader.Reject($"request for {unchecked((int)max)} blocks");
    }

    private static void WriteHello(CanonicalWriter w, Wire.Hello h)
    {
        w.U32Le(unchecked((uint)h.NodeId)).String(h.GenesisDigest);
        w.List(h.ValidatorNames, static (o, s) => o.String(s));
        w.List(h.StakesGwei, static (o, s) => o.U64Le(s));
        w.U64Le(h.GenesisTimestamp).Bool(h.MergeAtHeight.HasValue);
        if (h.MergeAtHeight is { } merge)
            w.U64Le(merge);
        w.Bool(h.Pos).U32Le(unchecked((uint)h.HttpPort));
        w.List(h.Hosted, static (o, s) => o.String(s));
    }

    private static Wire.Hello ReadHello(CanonicalReader r)
    {
        var node = unchecked((int)r.U32Le());
        var digest = r.String();
        var names = r.List(static x => x.String(), MaxHelloValidators);
        var stakes = r.List(static x => x.U64Le(), MaxHelloValidators);
        var timestamp = r.U64Le();
        ulong? merge = r.Bool() ? r.U64Le() : null;
        var pos = r.Bool();
        var http = unchecked((int)r.U32Le());
        var hosted = r.List(static x => x.String(), MaxHelloValidators);
        return new Wire.Hello(node, digest, names, stakes, timestamp, merge, pos, http, hosted);
    }

    private static string Shorten(string s) => s.Length <= 40 ? s : s[..40] + "…";
}
