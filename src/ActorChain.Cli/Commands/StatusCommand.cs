using System.CommandLine;
using System.Text.Json.Nodes;

namespace ActorChain.Cli.Commands;

/// <summary>
/// <c>status --node HOST:PORT [--json]</c>: every cluster member as one node sees it (<c>GET /api/status?cluster=true</c>)
/// and the validators (<c>GET /api/validators</c>). A table (with SLOT, JUSTIFIED and FINALIZED once the cluster runs
/// PoS, then the validators), or with <c>--json</c> one JSON array of the members, each with the validators it hosts.
/// </summary>
public static class StatusCommand
{
    /// <summary>Above this many validators, the table shows only those that are not active or have a fault.</summary>
    public const int AllValidatorsUpTo = 32;

    /// <summary>The command.</summary>
    public static Command Create()
    {
        var node = ClientCommand.NodeOption("any node of the cluster");
        var json = new Option<bool>("--json") { Description = "Print the members as one JSON array (the API's fields, each with the validators it hosts) instead of tables" };
        var command = new Command("status", "Show every cluster member: membership state, head, peers; once in proof of stake, the validators (asks one node's HTTP API)")
        {
            node, json,
        };
        ClientCommand.SetAction(command, (parse, stdout, stderr, ct) => RunAsync(parse.GetValue(node)!, parse.GetValue(json), stdout, stderr, ct));
        return command;
    }

    /// <summary>Asks <paramref name="node"/> and prints the members; exit 0, 1 when the node fails, 2 on a bad flag.</summary>
    public static Task<int> RunAsync(string node, bool json, TextWriter stdout, TextWriter stderr, CancellationToken ct) =>
        ClientCommand.RunAsync("status", stderr, async () =>
        {
            ArgumentNullException.ThrowIfNull(stdout);
            using var client = NodeClient.ForNode(node);
            // Both at once: one round trip of waiting, not two.
            var validatorsAsk = client.GetAsync("/api/validators", ct);
            var members = await ReadAsync(client, "/api/status?cluster=true", ct).ConfigureAwait(false) as JsonArray
                ?? throw new NodeRefusedException($"node at {client.Node} did not answer a JSON array to /api/status?cluster=true");
            var validatorsReply = await validatorsAsk.ConfigureAwait(false);
            var validators = validatorsReply.Status == 200 && validatorsReply.Json?["validators"] is JsonArray v ? v : null;
            if (json)
            {
                // Each member's validators as GET /api/validators shows them; without that answer, the names the member lists.
                foreach (var m in members.OfType<JsonObject>())
                {
                    var id = ClientCommand.Text(m, "node");
                    m["validators"] = validators is null
                        ? m["validators"]?.DeepClone() ?? new JsonArray()
                        : new JsonArray([.. validators.Where(x => id != "-" && ClientCommand.Text(x, "node") == id).Select(x => x!.DeepClone())]);
                }

                await stdout.WriteLineAsync(members.ToJsonString()).ConfigureAwait(false);
                return 0;
            }

            var pos = members.Any(m => m is JsonObject o && o["slot"] is not null);
            await stdout.WriteAsync(StatusTable.Members(members, pos)).ConfigureAwait(false);
            if (pos && validators is { Count: > 0 })
            {
                await stdout.WriteLineAsync().ConfigureAwait(false);
                await stdout.WriteAsync(StatusTable.Validators(validators, AllValidatorsUpTo)).ConfigureAwait(false);
            }

            return 0;
        });

    private static async Task<JsonNode> ReadAsync(NodeClient client, string path, CancellationToken ct)
    {
        var reply = await client.GetAsync(path, ct).ConfigureAwait(false);
        if (reply.Status != 200)
            throw new NodeRefusedException($"node at {client.Node} answered HTTP {reply.Status} to {path}: {reply.Error}");
        return reply.Json ?? throw new NodeRefusedException($"node at {client.Node} answered something that is not JSON to {path}: {NodeClient.OneLine(reply.Text)}");
    }
}
