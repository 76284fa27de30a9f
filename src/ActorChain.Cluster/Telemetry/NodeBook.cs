using System.Collections.Immutable;
using System.Globalization;
using ActorChain.Node.Events;
using ActorChain.Simulation.Outputs;

namespace ActorChain.Cluster.Telemetry;

/// <summary>
/// What the dashboard's block tree needs from the event stream, kept as the events pass (an <see cref="IEventSink"/>, so
/// serving costs no question to the actors): each node's latest head (<c>head_changed</c>) and the status of its recent
/// checkpoints (<c>justified</c>, <c>finalized</c>, <c>abandoned</c>, with their stake and reason). Thread-safe: the event
/// hub or log writes, the HTTP API reads.
/// </summary>
public sealed class NodeBook : IEventSink
{
    /// <summary>The checkpoints kept per node (the latest by epoch).</summary>
    public const int CheckpointsKept = 256;

    private readonly Lock _lock = new();
    private readonly SortedDictionary<int, NodeHead> _heads = [];
    private readonly SortedDictionary<int, SortedDictionary<(ulong Epoch, string Root), CheckpointStatus>> _checkpoints = [];

    /// <summary>A node's head: a PoS block's root and slot, or a PoW block's hash and height.</summary>
    public sealed record NodeHead(int Node, string Root, ulong SlotOrHeight, bool Pos);

    /// <summary>A checkpoint as its last event said: its status and the stake behind it.</summary>
    public sealed record CheckpointStatus(ulong Epoch, string Root, string Status, ulong? TargetStake, ulong? TotalStake,
        ulong? Needed, string? Reason, string? Detail);

    /// <inheritdoc />
    public void Accept(NodeEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        switch (e.Type)
        {
            case "head_changed" when e["root"] is string root:
                Put(e.Node, new NodeHead(e.Node, root, Number(e["slot"]) ?? 0, true));
                break;
            case "head_changed" when e["hash"] is string hash:
                Put(e.Node, new NodeHead(e.Node, hash, Number(e["height"]) ?? 0, false));
                break;
            case "justified" or "finalized" or "abandoned" when e["root"] is string root && Number(e["epoch"]) is { } epoch:
                var total = Number(e["totalActiveBalance"]);
                var status = new CheckpointStatus(epoch, root, e.Type, Number(e["targetStake"]) ?? Number(e["stake"]), total,
                    Number(e["needed"]) ?? (total is { } t ? Needed(t) : null), e["reason"] as string, e["detail"] as string);
                lock (_lock)
                {
                    if (!_checkpoints.TryGetValue(e.Node, out var mine))
                        _checkpoints[e.Node] = mine = [];
                    mine[(epoch, root)] = status;
                    while (mine.Count > CheckpointsKept)
                        mine.Remove(mine.Keys.First());
                }
                break;
        }
    }

    /// <summary>The least stake s with <c>3s ≥ 2·total</c> (the FFG threshold).</summary>
    public static ulong Needed(ulong total) => (ulong)(((UInt128)total * 2 + 2) / 3);

    /// <summary>Every node's latest head, ascending by node.</summary>
    public ImmutableArray<NodeHead> Heads()
    {
        lock (_lock)
            return [.. _heads.Values];
    }

    /// <summary>Node <paramref name="node"/>'s checkpoints of epoch <paramref name="fromEpoch"/> or later, by epoch then root.</summary>
    public ImmutableArray<CheckpointStatus> Checkpoints(int node, ulong fromEpoch)
    {
        lock (_lock)
            return _checkpoints.TryGetValue(node, out var mine) ? [.. mine.Values.Where(c => c.Epoch >= fromEpoch)] : [];
    }

    private void Put(int node, NodeHead head)
    {
        if (node < 0)
            return;
        lock (_lock)
            _heads[node] = head;
    }

    private static ulong? Number(object? value) => value switch
    {
        null => null,
        ulong u => u,
        long l when l >= 0 => (ulong)l,
        int i when i >= 0 => (ulong)i,
        uint u => u,
        string s when ulong.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var p) => p,
        _ => null,
    };
}
