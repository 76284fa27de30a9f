using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using ActorChain.Simulation.Scenarios;

namespace ActorChain.Cli.Commands;

/// <summary>
/// <c>inject KIND --node HOST:PORT [--validator V]... [--node-index N] [--groups 1,2/3,4] [--delay D] [--mean D]
/// [--jitter D] [--probability P] [--release WHEN] [--until D] [--clear] [--json]</c>: a fault into a running cluster
/// (ARCHITECTURE.md, "Faults") through one node's <c>POST /api/faults</c> (<c>DELETE</c> with <c>--clear</c>), with the
/// field names of a scenario's fault entry. The node routes it to the node concerned; this prints who took it.
/// </summary>
public static class InjectCommand
{
    /// <summary>The flags that set each field of a fault entry.</summary>
    private static readonly IReadOnlyDictionary<string, string> _flagOfField = new Dictionary<string, string>
    {
        ["validator"] = "--validator",
        ["validators"] = "--validator",
        ["node"] = "--node-index",
        ["groups"] = "--groups",
        ["delay"] = "--delay",
        ["mean"] = "--mean",
        ["jitter"] = "--jitter",
        ["probability"] = "--probability",
        ["release"] = "--release",
    };

    /// <summary>The flags of one <c>inject</c>, as given.</summary>
    /// <param name="Kind">The fault kind.</param>
    /// <param name="Node">The HTTP address of the node asked.</param>
    public sealed record InjectRequest(string Kind, string Node)
    {
        /// <summary>The validators named (<c>--validator</c>, repeatable).</summary>
        public IReadOnlyList<string> Validators { get; init; } = [];

        /// <summary><c>--node-index</c>.</summary>
        public int? NodeIndex { get; init; }

        /// <summary><c>--groups</c>, e.g. <c>1,2/3,4</c>.</summary>
        public string? Groups { get; init; }

        /// <summary><c>--delay</c>.</summary>
        public string? Delay { get; init; }

        /// <summary><c>--mean</c>.</summary>
        public string? Mean { get; init; }

        /// <summary><c>--jitter</c>.</summary>
        public string? Jitter { get; init; }

        /// <summary><c>--probability</c>.</summary>
        public double? Probability { get; init; }

        /// <summary><c>--release</c>.</summary>
        public string? Release { get; init; }

        /// <summary><c>--until</c>.</summary>
        public string? Until { get; init; }

        /// <summary><c>--clear</c>: end the fault instead.</summary>
        public bool Clear { get; init; }

        /// <summary><c>--json</c>: print the node's answer as it is.</summary>
        public bool Json { get; init; }
    }

    /// <summary>The command.</summary>
    public static Command Create()
    {
        var kind = new Argument<string?>("KIND") { Description = "The fault: " + string.Join(", ", FaultEntry.Kinds), Arity = ArgumentArity.ZeroOrOne };
        var node = ClientCommand.NodeOption("any node of the cluster; it routes the fault to the node concerned");
        var validator = new Option<string[]>("--validator") { Description = "The validator of a validator fault (a genesis validator's name); repeat for several", HelpName = "NAME" };
        var nodeIndex = new Option<int?>("--node-index") { Description = "The node of a crash, private-chain or selfish-mining fault, by its id (node I of scripts/cluster)", HelpName = "N" };
        var groups = new Option<string?>("--groups") { Description = "The groups of a partition: node ids, comma-separated, groups split by '/', e.g. 1,2/3,4", HelpName = "IDS/IDS" };
        var delay = new Option<string?>("--delay") { Description = "How long a late validator holds each message, e.g. 3s", HelpName = "DURATION" };
        var mean = new Option<string?>("--mean") { Description = "The extra latency of each message, e.g. 2s", HelpName = "DURATION" };
        var jitter = new Option<string?>("--jitter") { Description = "Latency jitter around --mean, e.g. 100ms (default 0)", HelpName = "DURATION" };
        var probability = new Option<double?>("--probability") { Description = "The probability that a link drops a message, in [0, 1]", HelpName = "P" };
        var release = new Option<string?>("--release") { Description = "When a private chain is published: 'height H' or 'second T' (else when it is cleared)", HelpName = "WHEN" };
        var until = new Option<string?>("--until") { Description = "Clear the fault by itself after this long, e.g. 30s (default: until 'inject --clear')", HelpName = "DURATION" };
        var clear = new Option<bool>("--clear") { Description = "End the fault instead of injecting it (KIND and --validator or --node-index name it; the other values may be left out)" };
        var json = new Option<bool>("--json") { Description = "Print the node's JSON answer instead of one line" };
        var command = new Command("inject",
            "Inject a fault into a running cluster through one node's HTTP API, which routes it to the node concerned (or, with --clear, end it); " +
            "prints who took it. Kinds and flags (the scenario's fields, SIMULATION.md): offline, double-vote, surround-vote, double-proposal: " +
            "--validator V (repeatable); late: --validator V --delay D; crash, selfish-mining: --node-index N; private-chain: --node-index N " +
            "[--release 'height H']; partition: --groups 1,2/3,4; latency: --mean D [--jitter D]; loss: --probability P; heal. Exit 1 when the " +
            "node refuses it or cannot be reached, 2 on a bad flag")
        {
            kind, node, validator, nodeIndex, groups, delay, mean, jitter, probability, release, until, clear, json,
        };
        ClientCommand.SetAction(command, (parse, stdout, stderr, ct) => RunAsync(
            new InjectRequest(parse.GetValue(kind) ?? string.Empty, parse.GetValue(node)!)
            {
                Validators = parse.GetValue(validator) ?? [],
                NodeIndex = parse.GetValue(nodeIndex),
                Groups = parse.GetValue(groups),
                Delay = parse.GetValue(delay),
                Mean = parse.GetValue(mean),
                Jitter = parse.GetValue(jitter),
                Probability = parse.GetValue(probability),
                Release = parse.GetValue(release),
                Until = parse.GetValue(until),
                Clear = parse.GetValue(clear),
                Json = parse.GetValue(json),
            }, stdout, stderr, ct));
        return command;
    }

    /// <summary>Sends the fault (or its end) and prints who took it.</summary>
    public static Task<int> RunAsync(InjectRequest request, TextWriter stdout, TextWriter stderr, CancellationToken ct) =>
        ClientCommand.RunAsync("inject", stderr, async () =>
        {
            ArgumentNullException.ThrowIfNull(request);
            ArgumentNullException.ThrowIfNull(stdout);
            var body = Body(request);
            using var client = NodeClient.ForNode(request.Node);
            var reply = request.Clear
                ? await client.DeleteAsync("/api/faults", body, ct).ConfigureAwait(false)
                : await client.PostAsync("/api/faults", body, ct).ConfigureAwait(false);
            if (reply.Status != 200)
            {
                // 400 (a bad fault) and 404 (no node hosts what it names) are bad input: exit 2; the rest exit 1.
                throw new NodeRefusedException(reply.Status switch
                {
                    400 => "bad fault: " + reply.Error,
                    404 or 409 => (request.Clear ? "clear" : "fault") + " refused by the cluster: " + reply.Error,
                    503 => "the cluster did not answer in time: " + reply.Error,
                    _ => $"node at {client.Node} answered HTTP {reply.Status}: {reply.Error}",
                }, reply.Status is 400 or 404 ? Program.BadInput : ClientCommand.NodeFailed);
            }

            if (request.Json)
            {
                await stdout.WriteLineAsync(reply.Json?.ToJsonString() ?? NodeClient.OneLine(reply.Text)).ConfigureAwait(false);
                return 0;
            }

            var ids = reply.Json?["acceptedBy"] is JsonArray a ? a.Select(n => n?.ToJsonString() ?? "?").ToList() : [];
            var who = ids.Count == 0 ? "the cluster" : (ids.Count == 1 ? "node " : "nodes ") + string.Join(", ", ids);
            var detail = ClientCommand.Text(reply.Json, "detail");
            await stdout.WriteLineAsync($"{(request.Clear ? "cleared by " : "accepted by ")}{who}: {(detail == "-" ? NodeClient.OneLine(reply.Text) : detail)}")
                .ConfigureAwait(false);
            return 0;
        });

    /// <summary>The JSON fault entry, checked here first so that a bad flag is named as the flag.</summary>
    public static JsonObject Body(InjectRequest r)
    {
        ArgumentNullException.ThrowIfNull(r);
        if (r.Kind.Length == 0) throw new UsageException($"a fault KIND is required first, e.g. 'inject double-vote --validator v5'; the kinds are {string.Join(", ", FaultEntry.Kinds)}");
        if (!FaultParser.Fields.TryGetValue(r.Kind, out var fields))
            throw new UsageException($"unknown fault kind '{r.Kind}'; the kinds are {string.Join(", ", FaultEntry.Kinds)}");
        if (r.Clear && r.Until is not null) throw new UsageException("--until is for an injection; --clear ends the fault now");
        var given = new (string Field, bool Present)[]
        {
            ("validator", r.Validators.Count > 0), ("node", r.NodeIndex is not null), ("groups", r.Groups is not null), ("delay", r.Delay is not null),
            ("mean", r.Mean is not null), ("jitter", r.Jitter is not null), ("probability", r.Probability is not null), ("release", r.Release is not null),
        };
        foreach (var (field, present) in given)
        {
            if (present && !fields.Contains(field))
            {
                var allowed = fields.Select(f => _flagOfField[f]).Distinct().ToList();
                throw new UsageException($"{_flagOfField[field]} does not apply to {r.Kind} (its flags: {(allowed.Count == 0 ? "none" : string.Join(", ", allowed))})");
            }
        }

        var body = new JsonObject { ["kind"] = r.Kind };
        if (r.Validators.Count == 1) body["validator"] = r.Validators[0];
        else if (r.Validators.Count > 1) body["validators"] = new JsonArray([.. r.Validators.Select(v => (JsonNode?)v)]);
        if (r.NodeIndex is { } n)
        {
            if (n < 0) throw new UsageException($"--node-index must be a node id ≥ 0, got {n}");
            body["node"] = n;
        }

        if (r.Groups is not null) body["groups"] = Groups(r.Groups);
        PutDuration(body, "delay", "--delay", r.Delay, zeroAllowed: false);
        PutDuration(body, "mean", "--mean", r.Mean, zeroAllowed: true);
        PutDuration(body, "jitter", "--jitter", r.Jitter, zeroAllowed: true);
        PutDuration(body, "until", "--until", r.Until, zeroAllowed: false);
        if (r.Probability is { } p)
        {
            if (!(p is >= 0 and <= 1)) throw new UsageException($"--probability must be in [0, 1], got {p.ToString(CultureInfo.InvariantCulture)}");
            body["probability"] = p;
        }

        if (r.Release is not null) body["release"] = r.Release;
        return body;
    }

    private static JsonArray Groups(string text)
    {
        var groups = new JsonArray();
        foreach (var group in text.Split('/'))
        {
            var ids = new JsonArray();
            foreach (var id in group.Split(','))
            {
                if (!int.TryParse(id.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var n))
                    throw new UsageException($"--groups must be node ids ≥ 0, comma-separated, groups split by '/' (e.g. 1,2/3,4), got '{text}'");
                ids.Add(n);
            }

            groups.Add(ids);
        }

        return groups;
    }

    private static void PutDuration(JsonObject body, string field, string flag, string? text, bool zeroAllowed)
    {
        if (text is null) return;
        if (!ProblemList.TryMillis(text, out var ms) || text.Trim().Length == 0 || char.IsAsciiDigit(text.Trim()[^1]) && text.Trim() != "0")
            throw new UsageException($"{flag} must be a duration such as 500ms or 30s, got '{text}'");
        if (ms < 0 || (ms == 0 && !zeroAllowed)) throw new UsageException($"{flag} must be {(zeroAllowed ? "≥ 0" : "positive")}, got '{text}'");
        body[field] = text.Trim();
    }
}
