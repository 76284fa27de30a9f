using Akka.Actor;

namespace ActorChain.Node.Faults;

/// <summary>A node's answer to an inject or clear: whether it took the fault, and one line saying what happened (local: never crosses processes).</summary>
public sealed record FaultReply(bool Accepted, string Detail) : INoSerializationVerificationNeeded;
