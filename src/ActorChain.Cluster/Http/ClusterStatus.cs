using System.Text.Json.Nodes;
using ActorChain.Cluster.Hosting;
using ActorChain.Node;
using Akka.Actor;

namespace ActorChain.Cluster.Http;

/// <summary>
/// <c>GET /api/status[?cluster=true]</c>: this node's row, or one row per live member, each fetched from the member's
/// own <c>/api/status</c> in parallel. The field names are the API's contract: <c>node, address, httpPort, member,
/// headHeight, headHash, peers, validators</c> (the names it hosts), for PoS <c>slot, justified, finalized</c>
/// (<c>{"epoch", "root"}</c>), then <c>totalDifficulty, mempool, reorgs, blocks, malformedMessages</c>. Whatever a
/// silent member would have said is null. A member served by the same process (<c>run</c>'s nodes, <paramref name="nodes"/>)
/// is asked in process.
/// </summary>
public sealed class ClusterStatus(INodeBackend backend, PeerClient peers, INodeDirectory? nodes = null)
{
    /// <summary>How long a member has to answer.</summary>
    public static readonly TimeSpan MemberTimeout = TimeSpan.FromMilliseconds(1500);

    /// <summary>Member states whose node may still answer; the others are not asked.</summary>
    public static readonly IReadOnlySet<string> Asked = new HashSet<string> { "Joining", "WeaklyUp", "Up", "Leaving", "Exiting" };

    /// <summary>This process's member, if the view lists it.</summary>
    public MemberView? Self() => backend.Cluster.Members().FirstOrDefault(m => m.IsSelf);

    /// <summary>One row per live member, this node's included, in the view's order.</summary>
    public async Task<JsonArray> GatherAsync(NodeStatus mine, int localHttpPort, CancellationToken ct)
    {
        var members = backend.Cluster.Members();
        var rows = await Task.WhenAll(members.Select(async m =>
        {
            if (m.IsSelf)
                return Row(mine, m, localHttpPort);
            if (m.NodeId is { } served && nodes is not null && nodes.Nodes.Contains(served))
                return await LocalRowAsync(m, served, localHttpPort, ct);
            if (!Asked.Contains(m.Status))
                return Silent(m);
            var reply = await peers.SendAsync(HttpMethod.Get, m, "/api/status", null, MemberTimeout, ct);
            if (reply is not { Status: 200, Body: JsonObject row })
                return Silent(m);
            row["node"] = m.NodeId is { } id ? id : row["node"]?.DeepClone();
            row["address"] = PeerClient.AddressOf(m);
            row["httpPort"] = m.HttpPort;
            row["member"] = m.Status;
            return row;
        }));
        var all = new JsonArray([.. rows]);
        if (!members.Any(m => m.IsSelf))
            all.Insert(0, Row(mine, null, localHttpPort));
        return all;
    }

    /// <summary>A node of this process asked in process; silent when it is down or does not answer.</summary>
    private async Task<JsonObject> LocalRowAsync(MemberView m, int id, int localHttpPort, CancellationToken ct)
    {
        if (nodes!.Local(id) is not { } other)
            return Silent(m);
        try
        {
            var s = await other.Guardian.Ask<NodeStatus>(r => new NodeGuardian.GetStatus(r), MemberTimeout, ct);
            return Row(s, m, localHttpPort, other.Hosted);
        }
        catch (Exception e) when (e is AskTimeoutException || (e is TaskCanceledException && !ct.IsCancellationRequested))
        {
            return Silent(m);
        }
    }

    /// <summary>This node's row from its <see cref="NodeStatus"/>.</summary>
    public JsonObject Row(NodeStatus s, MemberView? self, int localHttpPort) => Row(s, self, localHttpPort, backend.Hosted);

    private static JsonObject Row(NodeStatus s, MemberView? self, int localHttpPort, System.Collections.Immutable.ImmutableArray<string> hosted) => new()
    {
        ["node"] = s.Node,
        ["address"] = self is null ? null : PeerClient.AddressOf(self),
        ["httpPort"] = self?.HttpPort ?? localHttpPort,
        ["member"] = self?.Status,
        ["headHeight"] = s.HeadHeight,
        ["headHash"] = s.HeadHash,
        ["peers"] = new JsonArray([.. s.Peers.Select(p => (JsonNode?)p)]),
        ["validators"] = new JsonArray([.. hosted.Select(v => (JsonNode?)v)]),
        ["slot"] = s.Slot,
        ["justified"] = Checkpoint(s.Justified),
        ["finalized"] = Checkpoint(s.Finalized),
        ["totalDifficulty"] = s.TotalDifficulty,
        ["mempool"] = s.Mempool < 0 ? null : s.Mempool,
        ["reorgs"] = s.Reorgs,
        ["blocks"] = s.Blocks,
        ["malformedMessages"] = s.MalformedMessages,
    };

    /// <summary>A member that did not answer: what the cluster view knows, the rest null.</summary>
    private static JsonObject Silent(MemberView m) => new()
    {
        ["node"] = m.NodeId,
        ["address"] = PeerClient.AddressOf(m),
        ["httpPort"] = m.HttpPort,
        ["member"] = m.Status,
        ["headHeight"] = null,
        ["headHash"] = null,
        ["peers"] = null,
        ["validators"] = new JsonArray([.. m.Hosted.Select(v => (JsonNode?)v)]),
        ["slot"] = null,
        ["justified"] = null,
        ["finalized"] = null,
        ["totalDifficulty"] = null,
        ["mempool"] = null,
        ["reorgs"] = null,
        ["blocks"] = null,
        ["malformedMessages"] = null,
    };

    private static JsonObject? Checkpoint(NodeStatus.CheckpointView? c) =>
        c is null ? null : new JsonObject { ["epoch"] = c.Epoch, ["root"] = c.Root };
}
