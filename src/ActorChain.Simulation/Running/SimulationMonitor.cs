using ActorChain.Node.Events;
using ActorChain.Node.Time;
using ActorChain.Simulation.Outputs;

namespace ActorChain.Simulation.Running;

/// <summary>
/// Watches the event stream of a PoW simulation: each node's head, mined blocks and reorgs; decides when the stop
/// condition holds; fires height-triggered actions; reports progress. A sink of the <see cref="EventLog"/>, so only
/// the run's thread touches it.
/// </summary>
public sealed class SimulationMonitor(int nodes, ulong stopHeight, long graceMillis, IClock clock, WallClock wall,
    IRunProgress? progress, Action<ulong> heightReached) : IEventSink
{
    private readonly SortedDictionary<int, Head> _heads = [];
    private readonly SortedSet<int> _down = [];
    private long _firstReachedAt = -1;
    private bool _stopReached;

    /// <summary>A node's head as last reported: height, hash (hex) and total difficulty (decimal text).</summary>
    public sealed record Head(ulong Height, string Hash, string TotalDifficulty);

    /// <summary>Each node's last head, by node.</summary>
    public IReadOnlyDictionary<int, Head> Heads => _heads;

    /// <summary>Blocks mined (<c>pow_block_mined</c>) by every node.</summary>
    public long Mined { get; private set; }

    /// <summary>Reorgs of every node.</summary>
    public long Reorgs { get; private set; }

    /// <summary>The highest head of any node.</summary>
    public ulong MaxHeight { get; private set; }

    /// <inheritdoc />
    public void Accept(NodeEvent e)
    {
        switch (e.Type)
        {
            case "head_changed": OnHead(e); break;
            case "pow_block_mined": Mined++; break;
            case "reorg": Reorgs++; break;
            case "node_crashed": _down.Add(e.Node); break;
            case "node_restarted": _down.Remove(e.Node); break;
        }
    }

    /// <summary>True once every live node reached the stop height, or the grace period after the first one did has passed.</summary>
    public bool ShouldStop() => _stopReached || (_firstReachedAt >= 0 && clock.NowMillis >= _firstReachedAt + graceMillis);

    /// <summary>Reports progress (throttled unless <paramref name="last"/>): the highest head and node 0's head.</summary>
    public void Draw(bool last)
    {
        if (progress is null || !wall.ShouldDraw(last)) return;
        _heads.TryGetValue(0, out var h);
        var virtualSeconds = clock.NowMillis / 1000.0;
        progress.Report(new RunProgress("height", MaxHeight, stopHeight, null, h?.Hash[..Math.Min(8, h.Hash.Length)], null, virtualSeconds,
            MaxHeight / Math.Max(0.001, wall.Seconds), last));
    }

    private void OnHead(NodeEvent e)
    {
        if (e["height"] is null) return; // a PoS head: not this monitor's
        var height = (ulong)EventFields.Long(e, "height");
        _heads[e.Node] = new Head(height, EventFields.Text(e, "hash"), EventFields.Text(e, "totalDifficulty"));
        if (height > MaxHeight)
        {
            MaxHeight = height;
            heightReached(height);
            Draw(false);
        }

        if (stopHeight > 0 && height >= stopHeight && _firstReachedAt < 0) _firstReachedAt = e.T;
        if (stopHeight > 0 && AllLiveReached()) _stopReached = true;
    }

    /// <summary>SIMULATION.md, "Stop": every live node (a crashed one is not, until it restarts) has reached the stop height.</summary>
    private bool AllLiveReached()
    {
        for (var n = 0; n < nodes; n++)
        {
            if (!_down.Contains(n) && (!_heads.TryGetValue(n, out var h) || h.Height < stopHeight)) return false;
        }

        return true;
    }
}
