using System.Collections.Immutable;
using System.Globalization;
using ActorChain.Node.Events;
using ActorChain.Simulation.Outputs;

namespace ActorChain.Simulation.Live;

/// <summary>
/// The events side of the live view, fed by the run's <see cref="EventLog"/>: the notable events as short lines (the
/// same checkpoint justified on four nodes is one line with four nodes), block production as counters only, and the
/// PoW blocks each node orphaned at the merge. Thread-safe: the log writes, the monitor reads a copy.
/// </summary>
public sealed class LiveEvents(long startMillis, int capacity = 200) : IEventSink
{
    /// <summary>How far back an event may merge with an equal one from another node.</summary>
    private const int CoalesceWindow = 32;

    private static readonly ImmutableHashSet<string> Notable =
    [
        "justified", "finalized", "abandoned", "merge", "pow_orphaned_at_merge", "reorg", "evidence_found", "evidence_rejected",
        "validator_slashed", "correlation_penalty", "validator_exited", "node_failed", "node_crashed", "node_restarted",
        "partition", "heal", "conflicting_finality", "withholding_started", "withholding_ended", "blocks_released", "block_rejected",
    ];

    private readonly Lock _gate = new();
    private readonly List<LiveEvent> _lines = [];
    private readonly List<string> _keys = [];
    private readonly SortedDictionary<string, long> _byMiner = new(StringComparer.Ordinal);
    private readonly SortedDictionary<int, ulong> _orphaned = [];
    private long _powMined;
    private long _proposed;
    private long _txAccepted;

    /// <inheritdoc />
    public void Accept(NodeEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        lock (_gate)
        {
            switch (e.Type)
            {
                case "pow_block_mined":
                    _powMined++;
                    var miner = e["miner"] as string ?? "?";
                    _byMiner[miner] = _byMiner.GetValueOrDefault(miner) + 1;
                    return;
                case "block_proposed":
                    _proposed++;
                    return;
                case "tx_accepted":
                    _txAccepted++;
                    return;
                case "pow_orphaned_at_merge":
                    _orphaned[e.Node] = Convert.ToUInt64(e["count"], CultureInfo.InvariantCulture);
                    break;
            }

            if (Notable.Contains(e.Type) || e.Type.StartsWith("fault", StringComparison.Ordinal))
                Add(e);
        }
    }

    /// <summary>The last lines, oldest first.</summary>
    public ImmutableArray<LiveEvent> Lines()
    {
        lock (_gate) return [.. _lines];
    }

    /// <summary>Blocks mined and proposed so far.</summary>
    public BlockCounts Blocks()
    {
        lock (_gate) return new BlockCounts(_powMined, _proposed, _byMiner.ToImmutableSortedDictionary(StringComparer.Ordinal), _txAccepted);
    }

    /// <summary>PoW blocks past the terminal block that each node dropped at the merge (nodes that dropped none are absent).</summary>
    public ImmutableSortedDictionary<int, ulong> OrphanedAtMerge()
    {
        lock (_gate) return _orphaned.ToImmutableSortedDictionary();
    }

    private void Add(NodeEvent e)
    {
        var text = EventText.Describe(e);
        var key = EventText.CoalesceKey(e, text);
        if (key is not null)
        {
            for (var i = _lines.Count - 1; i >= Math.Max(0, _lines.Count - CoalesceWindow); i--)
            {
                if (_keys[i] != key) continue;
                if (e.Node >= 0) _lines[i] = _lines[i] with { Nodes = _lines[i].Nodes.Add(e.Node) };
                return;
            }
        }

        if (_lines.Count == capacity)
        {
            _lines.RemoveAt(0);
            _keys.RemoveAt(0);
        }

        _lines.Add(new LiveEvent(e.T - startMillis, e.Type, text, e.Node >= 0 ? [e.Node] : []));
        _keys.Add(key ?? "");
    }
}
