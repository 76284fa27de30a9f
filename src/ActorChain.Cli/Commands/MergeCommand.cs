using System.CommandLine;
using System.Text.Json.Nodes;

namespace ActorChain.Cli.Commands;

/// <summary>
/// <c>merge --at-height H --node HOST:PORT</c>: tells a running PoW cluster to merge (CONSENSUS.md §4) with
/// <c>POST /api/merge {"atHeight": H}</c> on one node, which schedules it and forwards it to every peer. 202: one line,
/// exit 0; 409 (merged already, or the head is past H): its reason, exit 1.
/// </summary>
public static class MergeCommand
{
    /// <summary>The command.</summary>
    public static Command Create()
    {
        var atHeight = new Option<long>("--at-height") { Description = "The PoW height of the terminal block; ≥ 1 and not below the current head", HelpName = "H", Required = true };
        var node = ClientCommand.NodeOption("any node of the cluster");
        var command = new Command("merge", "Merge a running PoW cluster into PoS: the canonical PoW block at --at-height becomes the terminal block on every node (asks one node's HTTP API, which tells its peers)")
        {
            atHeight, node,
        };
        ClientCommand.SetAction(command, (parse, stdout, stderr, ct) => RunAsync(parse.GetValue(atHeight), parse.GetValue(node)!, stdout, stderr, ct));
        return command;
    }

    /// <summary>Sends the merge to <paramref name="node"/> and prints its answer.</summary>
    public static Task<int> RunAsync(long atHeight, string node, TextWriter stdout, TextWriter stderr, CancellationToken ct) =>
        ClientCommand.RunAsync("merge", stderr, async () =>
        {
            ArgumentNullException.ThrowIfNull(stdout);
            if (atHeight < 1)
                throw new UsageException($"--at-height must be ≥ 1 (height 0 is the genesis block: start with 'node --pos' instead), got {atHeight}");
            using var client = NodeClient.ForNode(node);
            var reply = await client.PostAsync("/api/merge", new JsonObject { ["atHeight"] = atHeight }, ct).ConfigureAwait(false);
            switch (reply.Status)
            {
                case 202:
                    await stdout.WriteLineAsync($"merge scheduled at PoW height {atHeight}: every node swaps to PoS once its head is past it by the merge confirmations")
                        .ConfigureAwait(false);
                    return 0;
                case 409:
                    throw new NodeRefusedException($"merge refused by node at {client.Node}: {reply.Error}");
                case 400:
                    throw new NodeRefusedException("bad merge request: " + reply.Error);
                default:
                    throw new NodeRefusedException($"node at {client.Node} answered HTTP {reply.Status}: {reply.Error}");
            }
        });
}
