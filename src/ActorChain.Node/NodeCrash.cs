namespace ActorChain.Node;

/// <summary>
/// A <c>crash</c> fault injected into a node (ARCHITECTURE.md, "Faults"): its <see cref="NodeGuardian"/> fails with this,
/// and its parent stops it, and its whole tree with it, as if the process had been killed. An embedded network keeps the
/// node's stores and starts it again from them when the crash is cleared.
/// </summary>
public sealed class NodeCrash(string message) : Exception(message);
