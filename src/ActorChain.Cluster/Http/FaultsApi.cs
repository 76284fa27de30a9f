using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Nodes;
using ActorChain.Cluster.Hosting;
using ActorChain.Node;
using ActorChain.Node.Faults;
using ActorChain.Simulation.Scenarios;
using Akka.Actor;
using Microsoft.AspNetCore.Http;

namespace ActorChain.Cluster.Http;

/// <summary>
/// <c>/api/faults</c> (ARCHITECTURE.md, "Faults"): <c>POST</c> injects a fault on the node concerned, <c>DELETE</c> ends
/// it, <c>GET</c> lists the faults held on this node (<c>?cluster=true</c>: on every node). A validator fault goes to the
/// node hosting it, a node fault to that node, a partition or link fault to every node; another node is reached by the
/// same request on its own API with <c>?local=true</c> (which applies it there, unrouted). Answers:
/// 200 <c>{"accepted": true, "detail", "acceptedBy", "faults", "untilMillis", "answers": [{"node", "outcome", "detail"}]}</c>;
/// 400 (bad body, unknown validator or node), 404 (no node hosts it or holds it), 409 (refused), 503 (a node concerned
/// did not answer): each <c>{"error", "kind", "accepted": false, "answers"}</c>. In <c>run</c> (<paramref name="nodes"/>)
/// every node is in this process: a node's faults are applied on it in process, and a partition or link fault once, by
/// the embedded network, answered for every node.
/// </summary>
public sealed class FaultsApi(INodeBackend backend, PeerClient peers, INodeDirectory? nodes = null)
{
    /// <summary>How long this node's own actors have to answer.</summary>
    public static readonly TimeSpan LocalTimeout = TimeSpan.FromSeconds(5);

    /// <summary>How long another node has to answer a forwarded fault (longer than its own wait for its actors).</summary>
    public static readonly TimeSpan ForwardTimeout = TimeSpan.FromSeconds(8);

    /// <summary>How long another node has to list its faults.</summary>
    public static readonly TimeSpan ListTimeout = TimeSpan.FromSeconds(2);

    private const string Path = "fault";

    private const string Shape = "such as {\"kind\": \"double-vote\", \"validator\": \"v3\"}";

    private readonly ImmutableArray<string> _genesis = [.. backend.Settings.Validators.Select(v => v.Name)];

    /// <summary>One node's answer.</summary>
    private sealed record Answer(int Node, string Outcome, string Detail)
    {
        public JsonObject ToJson() => new() { ["node"] = Node, ["outcome"] = Outcome, ["detail"] = Detail };
    }

    /// <summary>The fault a request names: its kind, faults, until.</summary>
    private sealed record Request(string Kind, ImmutableArray<Fault> Faults, long? UntilMillis);

    /// <summary><c>GET /api/faults</c>: this node's held faults, or (<paramref name="cluster"/>) every node's.</summary>
    public async Task<IResult> ActiveAsync(bool cluster, CancellationToken ct)
    {
        FaultDesk.ActiveFaults mine;
        try
        {
            mine = await backend.Guardian.Ask<FaultDesk.ActiveFaults>(r => new FaultDesk.GetActive(r), LocalTimeout, ct);
        }
        catch (Exception e) when (e is AskTimeoutException or TaskCanceledException)
        {
            return ApiJson.Unavailable(e);
        }
        var rows = new JsonArray([.. mine.Faults.Select(f => (JsonNode)Row(f, cluster ? mine.Node : null))]);
        var body = new JsonObject { ["node"] = mine.Node, ["faults"] = rows };
        if (!cluster)
            return ApiJson.Ok(body);
        var others = backend.Cluster.Members().Where(m => !m.IsSelf && m.NodeId != backend.NodeId).ToList();
        var replies = await Task.WhenAll(others.Select(m => Served(m.NodeId)
            ? LocalActiveAsync(m.NodeId!.Value, ct)
            : peers.SendAsync(HttpMethod.Get, m, "/api/faults", null, ListTimeout, ct)));
        var unanswered = new JsonArray();
        for (var i = 0; i < others.Count; i++)
        {
            if (replies[i] is { Answered: true, Status: 200, Body: JsonObject o } && o["faults"] is JsonArray faults)
                foreach (var f in faults.ToList())
                {
                    faults.Remove(f);
                    if (f is JsonObject row)
                    {
                        row["heldBy"] = o["node"]?.DeepClone() ?? others[i].NodeId;
                        rows.Add(row);
                    }
                }
            else
                unanswered.Add(new JsonObject
                {
                    ["node"] = others[i].NodeId,
                    ["detail"] = replies[i].Failure ?? $"answered HTTP {replies[i].Status}",
                });
        }
        body["cluster"] = true;
        body["unanswered"] = unanswered;
        return ApiJson.Ok(body);
    }

    /// <summary>True for a node of an embedded network served by this process (<c>run</c>): reached in process, up or down.</summary>
    private bool Served(int? node) => node is { } id && nodes?.Network is not null && nodes.Nodes.Contains(id);

    /// <summary>The held faults of node <paramref name="node"/> of this process, as its own <c>GET /api/faults</c> would answer.</summary>
    private async Task<PeerClient.Reply> LocalActiveAsync(int node, CancellationToken ct)
    {
        if (nodes?.Local(node) is not { } other)
            return new PeerClient.Reply(0, null, $"node {node} is down (crashed)");
        try
        {
            var held = await other.Guardian.Ask<FaultDesk.ActiveFaults>(r => new FaultDesk.GetActive(r), ListTimeout, ct);
            return new PeerClient.Reply(StatusCodes.Status200OK, new JsonObject
            {
                ["node"] = held.Node,
                ["faults"] = new JsonArray([.. held.Faults.Select(f => (JsonNode)Row(f, null))]),
            }, null);
        }
        catch (Exception e) when (e is AskTimeoutException || (e is TaskCanceledException && !ct.IsCancellationRequested))
        {
            return new PeerClient.Reply(0, null, $"node {node} did not answer within {ListTimeout.TotalSeconds:0} s");
        }
    }

    /// <summary><c>POST /api/faults</c>: inject the fault in <paramref name="body"/> where it belongs (<paramref name="local"/>: here).</summary>
    public Task<IResult> InjectAsync(string body, bool local, CancellationToken ct)
    {
        Request request;
        try
        {
            var root = ApiJson.ReadObject(body, null, Shape + "; the kinds are " + string.Join(", ", FaultEntry.Kinds));
            request = Parse(root.GetRawText(), forClear: false);
        }
        catch (BadRequest e)
        {
            return Task.FromResult(Failed(StatusCodes.Status400BadRequest, "bad-request", e.Message, []));
        }
        return RouteAsync(request, inject: true, local, ct);
    }

    /// <summary><c>DELETE /api/faults</c>: end the fault the body or the query names.</summary>
    public Task<IResult> ClearAsync(string body, IQueryCollection query, bool local, CancellationToken ct)
    {
        Request request;
        try
        {
            var named = query.Where(q => q.Key != "local").ToList();
            var hasBody = !string.IsNullOrWhiteSpace(body);
            if (hasBody && named.Count > 0)
                throw new BadRequest("give the fault to clear in the body or in the query, not both");
            var fault = hasBody ? JsonNode.Parse(ApiJson.ReadObject(body, null, Shape).GetRawText())!.AsObject() : FromQuery(named);
            if (fault.ContainsKey("until"))
                throw new BadRequest("until is for a POST, which injects a fault; a DELETE clears it now");
            if (fault["kind"] is JsonValue k && k.TryGetValue<string>(out var kind) && kind == "heal")
                throw new BadRequest("heal has nothing to clear: it ends the partition and the link faults itself");
            request = Parse(fault.ToJsonString(), forClear: true);
        }
        catch (BadRequest e)
        {
            return Task.FromResult(Failed(StatusCodes.Status400BadRequest, "bad-request", e.Message, []));
        }
        return RouteAsync(request, inject: false, local, ct);
    }

    private static JsonObject FromQuery(List<KeyValuePair<string, Microsoft.Extensions.Primitives.StringValues>> query)
    {
        var fault = new JsonObject();
        var validators = new List<string>();
        foreach (var (key, values) in query)
        {
            if (key is "validator" or "validators")
            {
                foreach (var v in values)
                    validators.AddRange((v ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
            }
            else if (key is not ("kind" or "node"))
                throw new BadRequest($"the query of a DELETE names the fault by kind, validator and node; got '{ApiJson.Echo(key)}' (put other fields in a JSON body)");
            else if (values.Count > 1)
                throw new BadRequest(key + " is given twice in the query");
            else if (key == "node" && int.TryParse(values[0], out var node))
                fault[key] = node;
            else
                fault[key] = values[0];
        }
        if (validators.Count == 1)
            fault["validator"] = validators[0];
        else if (validators.Count > 1)
            fault["validators"] = new JsonArray([.. validators.Select(v => (JsonNode?)v)]);
        if (fault.Count == 0)
            throw new BadRequest("name the fault to clear: a JSON body such as {\"kind\": \"offline\", \"validator\": \"v3\"}"
                + " or a query such as ?kind=offline&validator=v3");
        return fault;
    }

    /// <summary>The scenario's own parser reads the entry; the nodes it names must be members.</summary>
    private Request Parse(string text, bool forClear)
    {
        var entry = FaultEntry.Parse(text, Path, _genesis, forClear);
        if (!entry.Problems.IsEmpty)
        {
            var line = string.Join("; ", entry.Problems.Distinct());
            throw new BadRequest(line.Length <= 600 ? line : line[..600] + "…");
        }
        var known = KnownNodes();
        foreach (var fault in entry.Faults)
        {
            if (fault is NodeFault n && !known.Contains(n.Node))
                throw new BadRequest($"{Path}.node: node {n.Node} is not in the cluster; {NodesLine(known)}");
            if (fault is Fault.Partition p && p.Groups.SelectMany(g => g).FirstOrDefault(id => !known.Contains(id), -1) is var unknown and >= 0)
                throw new BadRequest($"{Path}.groups: node {unknown} is not in the cluster; {NodesLine(known)}");
        }
        return new Request(entry.Kind, entry.Faults, entry.UntilMillis);
    }

    private ImmutableSortedSet<int> KnownNodes() =>
        [.. backend.Cluster.Members().Where(m => m.NodeId is not null).Select(m => m.NodeId!.Value), backend.NodeId];

    private static string NodesLine(ImmutableSortedSet<int> known) => "the nodes are " + string.Join(", ", known);

    /// <summary>Where each fault goes, then each node's answers, then one verdict.</summary>
    private async Task<IResult> RouteAsync(Request request, bool inject, bool local, CancellationToken ct)
    {
        var members = backend.Cluster.Members();
        var targets = new List<(int Node, Fault Fault)>();
        var network = new List<Fault>();
        foreach (var fault in request.Faults)
        {
            if (!local && nodes?.Network is not null && fault is not (ValidatorFault or NodeFault))
            {
                network.Add(fault);
                continue;
            }
            if (local)
            {
                targets.Add((backend.NodeId, fault));
                continue;
            }
            switch (fault)
            {
                case ValidatorFault v:
                    var host = backend.Hosted.Contains(v.Validator)
                        ? backend.NodeId
                        : members.FirstOrDefault(m => m.NodeId is not null && m.Hosted.Contains(v.Validator))?.NodeId;
                    if (host is null)
                        return Failed(StatusCodes.Status404NotFound, "not-found",
                            $"no node of the cluster hosts validator {v.Validator}", []);
                    targets.Add((host.Value, fault));
                    break;
                case NodeFault n:
                    targets.Add((n.Node, fault));
                    break;
                default:
                    foreach (var id in KnownNodes())
                        targets.Add((id, fault));
                    break;
            }
        }
        var answers = (await Task.WhenAll(targets.Select(t => Served(t.Node)
                ? ApplyOnAsync(t.Node, t.Fault, inject, request.UntilMillis, ct)
                : t.Node == backend.NodeId
                    ? ApplyHereAsync(backend, t.Fault, inject, request.UntilMillis, ct)
                    : ForwardAsync(members, t.Node, t.Fault, inject, request.UntilMillis, ct))))
            .SelectMany(a => a).ToList();
        foreach (var fault in network)
            answers.AddRange(await ApplyOnNetworkAsync(fault, inject, request.UntilMillis, ct));
        return Verdict(request, inject, answers);
    }

    /// <summary>On node <paramref name="node"/> of this process, as its own API would.</summary>
    private Task<IReadOnlyList<Answer>> ApplyOnAsync(int node, Fault fault, bool inject, long? untilMillis, CancellationToken ct) =>
        nodes?.Local(node) is { } other
            ? ApplyHereAsync(other, fault, inject, untilMillis, ct)
            : Task.FromResult<IReadOnlyList<Answer>>(fault is Fault.Crash && inject
                ? [new Answer(node, "refused", $"node {node} is down already (crashed)")]
                : [new Answer(node, "unavailable", $"node {node} is down (crashed); it takes faults again once it restarts")]);

    /// <summary>A partition or link fault, once, by the embedded network: the same answer for every node.</summary>
    private async Task<IReadOnlyList<Answer>> ApplyOnNetworkAsync(Fault fault, bool inject, long? untilMillis, CancellationToken ct)
    {
        (bool Accepted, string Detail) reply;
        try
        {
            reply = await nodes!.Network!.ApplyAsync(fault, inject, untilMillis, ct);
        }
        catch (Exception e) when (e is AskTimeoutException || (e is TaskCanceledException && !ct.IsCancellationRequested))
        {
            return [new Answer(backend.NodeId, "unavailable", $"the network did not answer within {LocalTimeout.TotalSeconds:0} s")];
        }
        var outcome = reply.Accepted ? "accepted" : "refused";
        return [.. nodes.Nodes.Select(n => new Answer(n, outcome, reply.Detail))];
    }

    private async Task<IReadOnlyList<Answer>> ApplyHereAsync(INodeBackend on, Fault fault, bool inject, long? untilMillis,
        CancellationToken ct)
    {
        var me = on.NodeId;
        if (fault is Fault.Crash)
        {
            if (!inject)
                return [new Answer(me, "refused", $"a crash is not held: node {me} restarts by itself (after until, or at once)")];
            try
            {
                var detail = await on.CrashAsync(untilMillis is { } u ? TimeSpan.FromMilliseconds(u) : null, ct);
                return [new Answer(me, "accepted", detail)];
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                return [new Answer(me, "refused", $"node {me} could not crash: {ApiJson.Echo(e.Message)}")];
            }
        }
        try
        {
            var a = inject
                ? await on.Guardian.Ask<FaultDesk.NodeAnswer>(r => new FaultDesk.Hold(fault, untilMillis, r), LocalTimeout, ct)
                : await on.Guardian.Ask<FaultDesk.NodeAnswer>(r => new FaultDesk.Release(fault, r), LocalTimeout, ct);
            return [new Answer(a.Node, OutcomeName(a.Outcome), a.Detail)];
        }
        catch (Exception e) when (e is AskTimeoutException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            return [new Answer(me, "unavailable", $"node {me} did not answer within {LocalTimeout.TotalSeconds:0} s")];
        }
    }

    private async Task<IReadOnlyList<Answer>> ForwardAsync(ImmutableArray<MemberView> members, int node, Fault fault, bool inject,
        long? untilMillis, CancellationToken ct)
    {
        var member = members.FirstOrDefault(m => m.NodeId == node);
        if (member is null)
            return [new Answer(node, "unavailable", $"node {node} is not a live member of the cluster")];
        var body = inject ? FaultJson.Fields(fault) : FaultJson.Named(fault);
        if (inject && untilMillis is { } until)
            body["until"] = until + "ms";
        var reply = await peers.SendAsync(inject ? HttpMethod.Post : HttpMethod.Delete, member, "/api/faults?local=true",
            body.ToJsonString(), ForwardTimeout, ct);
        if (!reply.Answered)
            return [new Answer(node, "unavailable", reply.Failure!)];
        if (reply.Body?["answers"] is JsonArray list && list.Count > 0)
            return [.. list.OfType<JsonObject>().Select(a => new Answer(
                a["node"] is JsonValue n && n.TryGetValue<int>(out var id) ? id : node,
                Text(a["outcome"]) ?? "refused",
                Text(a["detail"]) ?? string.Empty))];
        var error = reply.Body?["error"] is JsonValue e && e.TryGetValue<string>(out var text) ? text : $"HTTP {reply.Status}";
        return [new Answer(node, reply.Status == 404 ? "not-here" : "refused", $"node {node}: {ApiJson.Echo(error)}")];
    }

    /// <summary>A peer's string field, or null when it is missing or not a string (never throws on a peer's odd JSON).</summary>
    private static string? Text(JsonNode? field) => field is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    private static string OutcomeName(FaultDesk.Outcome o) => o switch
    {
        FaultDesk.Outcome.Accepted => "accepted",
        FaultDesk.Outcome.Refused => "refused",
        _ => "not-here",
    };

    private static IResult Verdict(Request request, bool inject, List<Answer> answers)
    {
        if (answers.FirstOrDefault(a => a.Outcome == "unavailable") is { } down)
            return Failed(StatusCodes.Status503ServiceUnavailable, "unavailable", down.Detail, answers);
        if (answers.FirstOrDefault(a => a.Outcome == "refused") is { } refused)
            return Failed(StatusCodes.Status409Conflict, "refused", refused.Detail, answers);
        if (answers.Count == 0 || answers.All(a => a.Outcome == "not-here"))
            return Failed(StatusCodes.Status404NotFound, "not-found", answers.FirstOrDefault()?.Detail ?? "no node holds it", answers);
        var accepted = answers.Where(a => a.Outcome == "accepted").ToList();
        var body = new JsonObject
        {
            ["accepted"] = true,
            ["detail"] = string.Join("; ", accepted.Select(a => a.Detail).Distinct()),
            ["acceptedBy"] = new JsonArray([.. accepted.Select(a => a.Node).Distinct().Order().Select(n => (JsonNode?)n)]),
            ["faults"] = new JsonArray([.. request.Faults.Select(f => (JsonNode)(inject ? FaultJson.Of(f) : FaultJson.Named(f)))]),
            ["untilMillis"] = request.UntilMillis,
            ["answers"] = new JsonArray([.. answers.Select(a => (JsonNode)a.ToJson())]),
        };
        return ApiJson.Ok(body);
    }

    private static IResult Failed(int status, string kind, string detail, IEnumerable<Answer> answers) =>
        ApiJson.Error(status, kind, detail, new JsonObject
        {
            ["accepted"] = false,
            ["answers"] = new JsonArray([.. answers.Select(a => (JsonNode)a.ToJson())]),
        });

    private static JsonObject Row(FaultDesk.ActiveFault f, int? heldBy)
    {
        var row = FaultJson.Of(f.Fault);
        row["since"] = f.SinceMillis;
        row["until"] = f.UntilMillis;
        if (heldBy is { } n)
            row["heldBy"] = n;
        return row;
    }
}
