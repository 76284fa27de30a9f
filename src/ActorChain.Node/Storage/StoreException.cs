namespace ActorChain.Node.Storage;

/// <summary>A store that cannot be used as it is (another genesis, corrupt data): a one-line message naming it.</summary>
public sealed class StoreException(string message) : Exception(message);
