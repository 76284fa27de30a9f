using System.Collections.Immutable;
using ActorChain.Cluster.Hosting;

namespace ActorChain.Cluster.Membership;

/// <summary>
/// The latest members as the <see cref="PeerDirectory"/> published them: it alone writes, anyone (HTTP handlers) reads
/// the immutable snapshot.
/// </summary>
public sealed class ClusterViewBoard : IClusterView
{
    private sealed record Snapshot(ImmutableArray<MemberView> Members);

    private Snapshot _snapshot = new([]);

    /// <inheritdoc />
    public ImmutableArray<MemberView> Members() => Volatile.Read(ref _snapshot).Members;

    /// <summary>Replaces the snapshot (the directory's turn only).</summary>
    internal void Publish(ImmutableArray<MemberView> members) => Volatile.Write(ref _snapshot, new Snapshot(members));

    /// <summary>
    /// Members ascending by node id, those not yet greeted last by address (the <see cref="IClusterView"/> order).
    /// </summary>
    public static ImmutableArray<MemberView> Ordered(IEnumerable<MemberView> members) =>
    [
        .. members.OrderBy(m => m.NodeId is null ? 1 : 0).ThenBy(m => m.NodeId ?? 0)
            .ThenBy(m => m.Address, StringComparer.Ordinal),
    ];
}
