namespace ActorChain.Node.Storage;

/// <summary>A node's stores: its blocks and its validators' slashing-protection records. They outlive the node's actors.</summary>
public sealed class NodeStores(IChainStore chain, IProtectionStore protection) : IDisposable
{
    /// <summary>The block store.</summary>
    public IChainStore Chain { get; } = chain;

    /// <summary>The slashing-protection store.</summary>
    public IProtectionStore Protection { get; } = protection;

    /// <summary>Both stores in memory, for embedded <c>run</c> and <c>simulate</c>.</summary>
    public static NodeStores InMemory() => new(new MemoryChainStore(), new MemoryProtectionStore());

    /// <inheritdoc />
    public void Dispose()
    {
        Chain.Dispose();
        Protection.Dispose();
    }
}
