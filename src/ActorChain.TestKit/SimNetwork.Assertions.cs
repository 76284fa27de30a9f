using System.Collections.Immutable;
using ActorChain.Core;
using ActorChain.Node.Events;

namespace ActorChain.TestKit;

public sealed partial class SimNetwork
{
    /// <summary>
    /// Runs until <paramref name="epoch"/> is finalized on <paramref name="node"/> (or on every live node when null),
    /// at the latest by the start of PoS slot <paramref name="bySlot"/>; fails saying what each late node finalized.
    /// A network still in proof of work runs to its merge first.
    /// </summary>
    public void RunUntilFinalized(ulong epoch, ulong bySlot, int? node = null) =>
        RunUntilCheckpoint("finalized", epoch, bySlot, node, f => f.FinalizedEpoch);

    /// <summary>As <see cref="RunUntilFinalized"/> for the justified checkpoint.</summary>
    public void RunUntilJustified(ulong epoch, ulong bySlot, int? node = null) =>
        RunUntilCheckpoint("justified", epoch, bySlot, node, f => f.JustifiedEpoch);

    /// <summary>Fails unless <paramref name="node"/> (every live node when null) has finalized at least <paramref name="epoch"/> now.</summary>
    public void AssertFinalized(ulong epoch, int? node = null) =>
        AssertCheckpoint("finalized", node, n => PosStatus(n).Finalized.Epoch, e => e >= epoch, $"epoch {epoch} finalized");

    /// <summary>Fails unless <paramref name="node"/> (every live node when null) has justified at least <paramref name="epoch"/> now.</summary>
    public void AssertJustified(ulong epoch, int? node = null) =>
        AssertCheckpoint("justified", node, n => PosStatus(n).Justified.Epoch, e => e >= epoch, $"epoch {epoch} justified");

    /// <summary>Fails if <paramref name="node"/> (any live node when null) has finalized an epoch after <paramref name="epoch"/> (e.g. during a leak).</summary>
    public void AssertFinalizedAtMost(ulong epoch, int? node = null) =>
        AssertCheckpoint("finalized", node, n => PosStatus(n).Finalized.Epoch, e => e <= epoch, $"no epoch after {epoch} finalized");

    /// <summary>Fails unless every live node is on the same head (PoS root, or PoW block).</summary>
    public void AssertHeadsAgree()
    {
        var heads = LiveNodes.Select(n =>
        {
            if (!IsPos) return (Node: n, Root: _heads[n].Hash, At: _heads[n].Height);
            var status = PosStatus(n);
            return (Node: n, Root: status.HeadRoot.ToString(), At: status.HeadSlot);
        }).ToList();
        if (heads.Select(h => h.Root).Distinct().Count() <= 1) return;
        var what = string.Join(", ", heads.Select(h => $"node {h.Node} on {h.Root[..8]} ({(IsPos ? "slot" : "height")} {h.At})"));
        throw new SimAssertionException($"expected every node on one head{At()}; {what}");
    }

    /// <summary>Fails unless each of <paramref name="validators"/> is slashed in every live node's head state.</summary>
    public void AssertSlashed(params string[] validators) => AssertSlashing(validators, true);

    /// <summary>Fails if any of <paramref name="validators"/> is slashed in some live node's head state.</summary>
    public void AssertNotSlashed(params string[] validators) => AssertSlashing(validators, false);

    /// <summary>
    /// Fails unless <paramref name="validator"/>'s balance on <paramref name="node"/> is within
    /// [<paramref name="atLeastGwei"/>, <paramref name="atMostGwei"/>] (either bound may be left out).
    /// </summary>
    public void AssertBalance(string validator, ulong? atLeastGwei = null, ulong? atMostGwei = null, int node = 0)
    {
        var balance = Balance(validator, node);
        if ((atLeastGwei is null || balance >= atLeastGwei) && (atMostGwei is null || balance <= atMostGwei)) return;
        var range = (atLeastGwei, atMostGwei) switch
        {
            ({ } lo, { } hi) => $"between {Units.FormatCoins(lo)} and {Units.FormatCoins(hi)}",
            ({ } lo, null) => $"at least {Units.FormatCoins(lo)}",
            (null, { } hi) => $"at most {Units.FormatCoins(hi)}",
            _ => "anything",
        };
        throw new SimAssertionException($"expected {validator}'s balance on node {node} {range} coins{At()}; it is {Units.FormatCoins(balance)}");
    }

    /// <summary>
    /// Returns the first event of <paramref name="type"/> matching <paramref name="where"/> (any when null); fails when
    /// there is none, naming <paramref name="what"/> and how many events of that type there were.
    /// </summary>
    public NodeEvent AssertEvent(string type, Func<NodeEvent, bool>? where = null, string? what = null)
    {
        var ofType = Events(type);
        var match = ofType.FirstOrDefault(e => where is null || where(e));
        return match ?? throw new SimAssertionException(
            $"expected a {type} event{(what is null ? "" : " " + what)}{At()}; saw {ofType.Length} {type} event(s){Sample(ofType)} among {_events.Count} events");
    }

    /// <summary>Fails when some event of <paramref name="type"/> matches <paramref name="where"/> (any when null), showing the first.</summary>
    public void AssertNoEvent(string type, Func<NodeEvent, bool>? where = null, string? what = null)
    {
        var match = Events(type).FirstOrDefault(e => where is null || where(e));
        if (match is not null)
            throw new SimAssertionException($"expected no {type} event{(what is null ? "" : " " + what)}{At()}; saw {Show(match)}");
    }

    private void RunUntilCheckpoint(string kind, ulong epoch, ulong bySlot, int? node, Func<Finality, ulong> epochOf)
    {
        IEnumerable<int> Nodes() => node is { } n ? [n] : LiveNodes;
        bool Done() => Nodes().All(n => _finality.TryGetValue(n, out var f) && epochOf(f) >= epoch);
        if (!IsPos && !RunUntil(() => IsPos, MergeWait))
            throw new SimAssertionException($"expected epoch {epoch} {kind} by slot {bySlot}; proof of stake had not started after {Describe(MergeWait)} of virtual time (no merge)");
        var more = Math.Max(0, SlotStartMillis(bySlot) - Now);
        if (RunUntil(Done, TimeSpan.FromMilliseconds(more))) return;
        var late = Nodes().Where(n => !_finality.TryGetValue(n, out var f) || epochOf(f) < epoch)
            .Select(n => (Node: n, Saw: _finality.TryGetValue(n, out var f)
                ? $"{kind} epoch {epochOf(f)}" + (kind == "finalized" ? $" (since slot {f.FinalizedSinceSlot})" : "")
                : "has no PoS head yet"))
            .ToList();
        var what = node is null ? string.Join("; ", late.Select(l => $"node {l.Node} {l.Saw}")) : "it " + late[0].Saw;
        throw new SimAssertionException($"expected epoch {epoch} {kind} on {(node is { } one ? $"node {one}" : "every node")} by slot {bySlot}; {what}");
    }

    private void AssertCheckpoint(string kind, int? node, Func<int, ulong> read, Func<ulong, bool> ok, string expected)
    {
        var nodes = node is { } n ? [n] : LiveNodes;
        var bad = nodes.Select(id => (id, epoch: read(id))).Where(x => !ok(x.epoch)).ToList();
        if (bad.Count == 0) return;
        var who = node is { } one ? $"node {one}" : "every node";
        var what = node is not null ? $"it {kind} epoch {bad[0].epoch}" : string.Join(", ", bad.Select(b => $"node {b.id} {kind} epoch {b.epoch}"));
        throw new SimAssertionException($"expected {expected} on {who}{At()}; {what}");
    }

    private void AssertSlashing(string[] validators, bool slashed)
    {
        var problems = new List<string>();
        foreach (var v in validators)
        {
            var index = ValidatorIndex(v);
            var wrong = LiveNodes.Where(n => PosStatus(n).HeadState.Validators[index].Slashed != slashed).ToList();
            if (wrong.Count > 0)
                problems.Add($"{v} {(slashed ? "not slashed" : "slashed")} on node {string.Join(", ", wrong)}");
        }

        if (problems.Count > 0)
            throw new SimAssertionException($"expected {string.Join(", ", validators)} {(slashed ? "slashed" : "not slashed")} on every node{At()}; {string.Join("; ", problems)}");
    }

    /// <summary>How long a checkpoint run waits for the merge of a network still in proof of work.</summary>
    private static readonly TimeSpan MergeWait = TimeSpan.FromHours(1);

    private string At() => IsPos ? $" at slot {CurrentSlot}" : $" at {Now / 1000.0:0.###} s";

    private static string Sample(ImmutableArray<NodeEvent> events) =>
        events.IsEmpty ? "" : ", the first: " + Show(events[0]);

    private static string Show(NodeEvent e) =>
        $"{e.Type} on node {e.Node} at {e.T} ms {{{string.Join(", ", e.Fields.Select(f => f.Key + "=" + f.Value))}}}";
}
