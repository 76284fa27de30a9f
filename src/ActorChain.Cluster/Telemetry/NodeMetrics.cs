using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using ActorChain.Cluster.Hosting;
using ActorChain.Core.Pos;
using ActorChain.Core.Pos.Epoch;
using ActorChain.Core.Pos.Model;
using ActorChain.Node;
using ActorChain.Node.Chain;
using ActorChain.Node.Configuration;
using ActorChain.Node.Events;
using ActorChain.Node.Network;
using ActorChain.Simulation.Outputs;
using Prometheus;

namespace ActorChain.Cluster.Telemetry;

/// <summary>
/// One node's Prometheus metrics in its own <see cref="CollectorRegistry"/> (every sample labelled <c>node</c>), PoW and
/// PoS alike. Totals the node keeps itself (blocks, reorgs, malformed messages, votes taken in, slashed validators) are
/// set from what <see cref="NodeMetricsPoller"/> reads once a second, so a restarted node whose counters were persisted
/// reports the same totals; what only events tell (refusals by reason, evidence, events by type) is counted as
/// <see cref="EventHub"/> hands the events over. Thread-safe: the hub and the poller call it from their own threads.
/// </summary>
public sealed class NodeMetrics : IEventSink
{
    private static readonly ImmutableArray<ValidatorStatus> Statuses = [.. Enum.GetValues<ValidatorStatus>()];

    private readonly ChainSettings _settings;
    private readonly ConsensusConfig _config;
    private readonly Lock _membersLock = new();
    private readonly HashSet<string> _memberStates = [];

    private readonly Gauge _headHeight;
    private readonly Gauge _headSlot;
    private readonly Gauge _currentSlot;
    private readonly Gauge _epoch;
    private readonly Gauge _justifiedEpoch;
    private readonly Gauge _finalizedEpoch;
    private readonly Gauge _finalityLag;
    private readonly Gauge _participation;
    private readonly Gauge _participationEpoch;
    private readonly Gauge _validators;
    private readonly Gauge _balances;
    private readonly Counter _slashings;
    private readonly Counter _evidence;
    private readonly Counter _blocksImported;
    private readonly Counter _attestationsImported;
    private readonly Counter _blocksRejected;
    private readonly Counter _attestationsRejected;
    private readonly Counter _reorgs;
    private readonly Counter _malformed;
    private readonly Counter _dropped;
    private readonly Counter _events;
    private readonly Gauge _peers;
    private readonly Gauge _mempool;
    private readonly Gauge _members;

    /// <summary>The metrics of node <paramref name="nodeId"/> of a chain with <paramref name="settings"/>, in a new registry.</summary>
    public NodeMetrics(int nodeId, ChainSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        _settings = settings;
        _config = settings.Consensus.Config;
        NodeId = nodeId;
        Registry = Metrics.NewCustomRegistry();
        Registry.SetStaticLabels(new Dictionary<string, string> { ["node"] = nodeId.ToString(CultureInfo.InvariantCulture) });
        var f = Metrics.WithCustomRegistry(Registry);

        _headHeight = f.CreateGauge("actorchain_head_height", "Height of the canonical head (PoS: its slot, as /api/status).");
        _headSlot = f.CreateGauge("actorchain_head_slot", "Slot of the canonical PoS head (0 before the merge).");
        _currentSlot = f.CreateGauge("actorchain_current_slot", "The node's current PoS slot by its clock (0 before the merge).");
        _epoch = f.CreateGauge("actorchain_epoch", "The node's current PoS epoch by its clock (0 before the merge).");
        _justifiedEpoch = f.CreateGauge("actorchain_justified_epoch", "Epoch of the node's justified checkpoint.");
        _finalizedEpoch = f.CreateGauge("actorchain_finalized_epoch", "Epoch of the node's finalized checkpoint.");
        _finalityLag = f.CreateGauge("actorchain_finality_lag_epochs", "Current epoch minus finalized epoch.");
        _participation = f.CreateGauge("actorchain_target_participation_ratio",
            "Stake that voted for the right target in the last epoch processed, over the total active stake (0..1).");
        _participationEpoch = f.CreateGauge("actorchain_target_participation_epoch",
            "The epoch actorchain_target_participation_ratio is about.");
        _validators = f.CreateGauge("actorchain_validators", "Validators of the head state by status.", "status");
        _balances = f.CreateGauge("actorchain_validator_balance_gwei", "Each validator's balance in the head state, in gwei.",
            "validator");
        _slashings = f.CreateCounter("actorchain_slashings_total", "Validators slashed in the head state.");
        _evidence = f.CreateCounter("actorchain_evidence_found_total", "Slashing evidence this node's slasher found, by kind.",
            "kind");
        _blocksImported = f.CreateCounter("actorchain_blocks_imported_total", "Blocks imported into the block tree (PoW and beacon).");
        _attestationsImported = f.CreateCounter("actorchain_attestations_imported_total",
            "Attestations fork choice took in (gossiped and from blocks).");
        _blocksRejected = f.CreateCounter("actorchain_blocks_rejected_total", "Blocks refused, by reason.", "reason");
        _attestationsRejected = f.CreateCounter("actorchain_attestations_rejected_total", "Gossiped attestations refused, by reason.",
            "reason");
        _reorgs = f.CreateCounter("actorchain_reorgs_total", "Reorganizations of the canonical chain (PoW and PoS).");
        _malformed = f.CreateCounter("actorchain_malformed_messages_total", "Peer messages dropped as malformed.");
        _dropped = f.CreateCounter("actorchain_dropped_peer_messages_total",
            "Peer messages dropped undecoded (truncated, oversized, malformed), by reason.", "reason");
        _events = f.CreateCounter("actorchain_events_total", "Events the node emitted, by type.", "type");
        _peers = f.CreateGauge("actorchain_peers", "Peers this node has a link to.");
        _mempool = f.CreateGauge("actorchain_mempool_transactions", "Pending transactions in the mempool.");
        _members = f.CreateGauge("actorchain_cluster_members",
            "Cluster members by state, as this node sees them (live incarnations only).", "state");
        ObserveGenesisValidators();
    }

    /// <summary>The node these metrics are of.</summary>
    public int NodeId { get; }

    /// <summary>The node's own registry: what <c>GET /metrics</c> serves.</summary>
    public CollectorRegistry Registry { get; }

    /// <summary>Counts what an event tells and nothing else does: refusals by reason, evidence, events by type.</summary>
    public void Accept(NodeEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        _events.WithLabels(e.Type).Inc();
        switch (e.Type)
        {
            case "block_rejected":
                _blocksRejected.WithLabels(RejectionLabel(e)).Inc();
                break;
            case "attestation_rejected":
                _attestationsRejected.WithLabels(RejectionLabel(e)).Inc();
                break;
            case "evidence_found":
                _evidence.WithLabels(EventFields.Text(e, "kind")).Inc();
                break;
        }
    }

    /// <summary>Takes the node's status (<c>NodeGuardian.GetStatus</c>): head, peers, mempool and the node's own totals.</summary>
    public void Observe(NodeStatus s)
    {
        ArgumentNullException.ThrowIfNull(s);
        _headHeight.Set(s.HeadHeight);
        _headSlot.Set(s.Slot ?? 0);
        _justifiedEpoch.Set(s.Justified?.Epoch ?? 0);
        _finalizedEpoch.Set(s.Finalized?.Epoch ?? 0);
        _peers.Set(s.Peers.Length);
        _mempool.Set(Math.Max(0, s.Mempool));
        _blocksImported.IncTo(s.Blocks);
        _reorgs.IncTo(s.Reorgs);
        _malformed.IncTo(s.MalformedMessages);
    }

    /// <summary>Takes the chain's PoS view (<c>ChainActor.GetPosStatus</c>): clock, checkpoints, validators, balances, votes.</summary>
    public void Observe(ChainActor.PosStatus p)
    {
        ArgumentNullException.ThrowIfNull(p);
        var epoch = _config.EpochOf(p.CurrentSlot);
        _currentSlot.Set(p.CurrentSlot);
        _epoch.Set(epoch);
        _headSlot.Set(p.HeadSlot);
        _justifiedEpoch.Set(p.Justified.Epoch);
        _finalizedEpoch.Set(p.Finalized.Epoch);
        _finalityLag.Set(epoch > p.Finalized.Epoch ? epoch - p.Finalized.Epoch : 0);
        _attestationsImported.IncTo(p.AttestationsProcessed);

        var state = p.HeadState; // shared by the chain: read only
        var byStatus = new int[Statuses.Length];
        var slashed = 0;
        for (var i = 0; i < state.ValidatorCount; i++)
        {
            var v = state.Validators[i];
            byStatus[(int)ValidatorStatuses.Of(v, epoch, _config)]++;
            if (v.Slashed) slashed++;
            _balances.WithLabels(_settings.ValidatorName((ulong)i)).Set(state.Balance(i));
        }

        foreach (var status in Statuses)
            _validators.WithLabels(status.Label()).Set(byStatus[(int)status]);
        _slashings.IncTo(slashed);
    }

    /// <summary>Takes the process's counts of peer messages the wire serializer dropped (<see cref="DroppedMessages"/>).</summary>
    public void ObserveDropped(ImmutableArray<KeyValuePair<DroppedMessages.Reason, long>> dropped)
    {
        foreach (var (reason, count) in dropped)
            _dropped.WithLabels(DroppedMessages.Label(reason)).IncTo(count);
    }

    /// <summary>Takes an epoch transition of the canonical chain: the target participation of the epoch before it.</summary>
    public void Observe(EpochTransition t)
    {
        ArgumentNullException.ThrowIfNull(t);
        if (t.Epoch < 1 || t.TotalActiveBalance == 0) return;
        _participationEpoch.Set(t.Epoch - 1);
        _participation.Set((double)t.PreviousTargetBalance / t.TotalActiveBalance);
    }

    /// <summary>
    /// Takes the cluster's members: counts by state, one per address (an address's newest incarnation, the most alive
    /// of its entries), never a <c>Removed</c> one; states no longer seen leave the output.
    /// </summary>
    public void ObserveMembers(ImmutableArray<MemberView> members)
    {
        var live = new SortedDictionary<string, string>(StringComparer.Ordinal); // address → state
        foreach (var m in members)
        {
            if (m.Status == "Removed") continue;
            if (!live.TryGetValue(m.Address, out var seen) || Aliveness(m.Status) > Aliveness(seen))
                live[m.Address] = m.Status;
        }

        var counts = new SortedDictionary<string, int>(StringComparer.Ordinal);
        foreach (var state in live.Values)
            counts[state] = counts.GetValueOrDefault(state) + 1;
        lock (_membersLock)
        {
            foreach (var gone in _memberStates.Where(s => !counts.ContainsKey(s)).ToList())
            {
                _members.RemoveLabelled(gone);
                _memberStates.Remove(gone);
            }

            foreach (var (state, n) in counts)
            {
                _members.WithLabels(state).Set(n);
                _memberStates.Add(state);
            }
        }
    }

    /// <summary>The registry in the Prometheus text format (what <c>GET /metrics</c> serves).</summary>
    public async Task<string> ExportTextAsync(CancellationToken ct = default)
    {
        using var buffer = new MemoryStream();
        await Registry.CollectAndExportAsTextAsync(buffer, ct).ConfigureAwait(false);
        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    /// <summary>
    /// The label of a refusal: its <c>reason</c>, or for a fork-choice refusal (<c>FORK_CHOICE</c>) the rule its detail
    /// names first (<c>FUTURE_SLOT (slot 9, current slot 7)</c> → <c>FUTURE_SLOT</c>).
    /// </summary>
    internal static string RejectionLabel(NodeEvent e)
    {
        var reason = EventFields.Text(e, "reason");
        if (reason != "FORK_CHOICE" || e["detail"] is not string detail) return reason;
        var end = 0;
        while (end < detail.Length && (char.IsAsciiLetterUpper(detail[end]) || char.IsAsciiDigit(detail[end]) || detail[end] == '_'))
            end++;
        return end > 0 ? detail[..end] : reason;
    }

    /// <summary>Before the merge: the genesis validators, pending, with their stakes.</summary>
    private void ObserveGenesisValidators()
    {
        foreach (var status in Statuses)
            _validators.WithLabels(status.Label()).Set(status == ValidatorStatus.Pending ? _settings.Validators.Length : 0);
        foreach (var v in _settings.Validators)
            _balances.WithLabels(v.Name).Set(v.Gwei);
    }

    /// <summary>How alive a member status is, to keep one entry per address: Up first, Down last.</summary>
    private static int Aliveness(string status) => status switch
    {
        "Up" => 7,
        "WeaklyUp" => 6,
        "Joining" => 5,
        "Leaving" => 4,
        "Exiting" => 3,
        "Unreachable" => 2,
        "Down" => 1,
        _ => 0,
    };
}
