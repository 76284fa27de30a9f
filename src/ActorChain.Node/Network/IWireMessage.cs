namespace ActorChain.Node.Network;

/// <summary>
/// The marker of every message that may cross processes. One serializer (<c>WireSerializer</c>) is bound to it and
/// writes core's canonical encoding; nothing a node sends to another process falls through to Akka's JSON serializer.
/// </summary>
public interface IWireMessage;
