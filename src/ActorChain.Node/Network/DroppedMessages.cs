using System.Collections.Immutable;
using Akka.Actor;

namespace ActorChain.Node.Network;

/// <summary>
/// Peer messages the wire serializer refused to decode, counted by <see cref="Reason"/>: one set of counters per actor
/// system (an Akka extension), read by <c>GET /metrics</c>. <see cref="WireSerializer"/> records each one and hands a
/// <see cref="MalformedWire"/> to the addressee instead of the message (which the node's guardian drops and counts too).
/// Frames over the transport's <c>maximum-frame-size</c> never reach the serializer: Akka drops and logs them.
/// </summary>
public sealed class DroppedMessages : IExtension
{
    /// <summary>Why a message was dropped; <see cref="Label"/> gives its Prometheus label value.</summary>
    public enum Reason
    {
        /// <summary>The bytes end before the value does.</summary>
        Truncated,

        /// <summary>More bytes than the largest message accepted; not decoded at all.</summary>
        Oversized,

        /// <summary>Anything else that does not decode to the message its manifest names.</summary>
        Malformed,
    }

    private static readonly Reason[] Reasons = Enum.GetValues<Reason>();
    private readonly long[] _counts = new long[Reasons.Length];

    /// <summary>The counters of <paramref name="system"/>.</summary>
    public static DroppedMessages Get(ActorSystem system) => system.WithExtension<DroppedMessages, Provider>();

    /// <summary>The Prometheus label value of <paramref name="reason"/>: its name in lower case.</summary>
    public static string Label(Reason reason) => reason switch
    {
        Reason.Truncated => "truncated",
        Reason.Oversized => "oversized",
        _ => "malformed",
    };

    /// <summary>Counts one message dropped for <paramref name="reason"/>; safe from any thread.</summary>
    public void Record(Reason reason) => Interlocked.Increment(ref _counts[(int)reason]);

    /// <summary>Messages dropped for <paramref name="reason"/> since the system started.</summary>
    public long Count(Reason reason) => Interlocked.Read(ref _counts[(int)reason]);

    /// <summary>Every reason with its count, in <see cref="Reason"/> order (zeros included).</summary>
    public ImmutableArray<KeyValuePair<Reason, long>> Counts() =>
        [.. Reasons.Select(r => KeyValuePair.Create(r, Count(r)))];

    /// <summary>Creates the one instance per actor system.</summary>
    public sealed class Provider : ExtensionIdProvider<DroppedMessages>
    {
        /// <inheritdoc />
        public override DroppedMessages CreateExtension(ExtendedActorSystem system) => new();
    }
}
