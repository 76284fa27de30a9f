using ActorChain.Core.Codec;
using ActorChain.Node.Network;
using Akka.Actor;

namespace ActorChain.Node.Faults;

/// <summary>
/// Told to the node's guardian by a faulty actor: flood <paramref name="Payload"/> to every peer even though the local
/// chain may refuse it (a double vote or proposal must reach the others' slashers).
/// </summary>
public sealed record Publish(Wire Payload, Hash32 Id) : INoSerializationVerificationNeeded;
