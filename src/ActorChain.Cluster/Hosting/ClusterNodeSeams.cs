using ActorChain.Cluster.Http;
using ActorChain.Node.Storage;
using Microsoft.AspNetCore.Builder;

namespace ActorChain.Cluster.Hosting;

/// <summary>
/// The places where a test may swap a part of a <see cref="ClusterNode"/>: the stores of a data dir and the HTTP
/// endpoints. <see cref="Default"/> is what <c>actorchain node</c> runs.
/// </summary>
public sealed record ClusterNodeSeams
{
    /// <summary>
    /// Opens the node's stores in <c>dataDir</c>, bound to the genesis digest (a <see cref="StoreException"/> refuses
    /// the dir: exit 2): RocksDB blocks and a SQLite slashing-protection database.
    /// </summary>
    public Func<string, string, NodeStores> OpenStores { get; init; } = NodeStores.OpenDataDir;

    /// <summary>Maps the node's HTTP API over its backend before the host starts.</summary>
    public Action<WebApplication, INodeBackend> MapHttp { get; init; } = static (app, node) => NodeApi.Map(app, node);

    /// <summary>What <c>actorchain node</c> uses.</summary>
    public static ClusterNodeSeams Default { get; } = new();
}
