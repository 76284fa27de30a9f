using Akka.Actor;

namespace ActorChain.Node.Network;

/// <summary>
/// What <see cref="WireSerializer"/> returns instead of a message when the bytes from another process are not one
/// (truncated, trailing bytes, garbage, an unknown manifest, over the size cap). It is delivered where the message was
/// addressed (the node's guardian), which drops and counts it; it never leaves the process.
/// </summary>
/// <param name="Manifest">The manifest the bytes came with (the message kind they claimed to be).</param>
/// <param name="Length">How many bytes came.</param>
/// <param name="Reason">What is wrong with them.</param>
public sealed record MalformedWire(string Manifest, int Length, string Reason) : INoSerializationVerificationNeeded
{
    /// <summary>The sending node, when the bytes said so before they went wrong (a <c>FromPeer</c> header); else null.</summary>
    public int? FromNode { get; init; }
}
