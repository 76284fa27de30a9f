namespace ActorChain.Node.Configuration;

/// <summary>A genesis account or validator: its name (keys derive from the chain seed and it) and amount in gwei.</summary>
public sealed record NamedAmount(string Name, ulong Gwei);
