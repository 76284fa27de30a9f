using System.Collections.Immutable;
using System.CommandLine;
using System.Runtime.InteropServices;
using ActorChain.Cluster.Hosting;

namespace ActorChain.Cli.Commands;

/// <summary>
/// <c>node</c>: one cluster member process hosting one node (ARCHITECTURE.md, "Network and process model"). It joins
/// the cluster through the seed nodes, serves the node's HTTP API on loopback, prints <c>node ID up: ...</c> once the
/// member is Up, and runs until Ctrl-C or SIGTERM, when it leaves the cluster. Exit 0; 2 for bad input, a port in use,
/// an unreachable seed, a refused data dir or a genesis mismatch (one line naming it); 1 when the cluster downed it or
/// its node failed.
/// </summary>
public static class NodeCommand
{
    /// <summary>The command.</summary>
    public static Command Create()
    {
        var port = new Option<int?>("--port") { Description = $"Remoting TCP port on 127.0.0.1 (default {ClusterNodeOptions.BasePort}; 0 = any free port, then --id is required)", HelpName = "PORT" };
        var seeds = new Option<string[]>("--seed-node") { Description = "A seed node to join through, HOST:PORT; repeatable (default: akka.cluster.seed-nodes of the config)", HelpName = "HOST:PORT" };
        var http = new Option<int?>("--http-port") { Description = "HTTP API port on 127.0.0.1 (default actorchain.node.http-port; 0 = any free port)", HelpName = "PORT" };
        var dataDir = new Option<string?>("--data-dir") { Description = "The node's data directory, created if missing (default ./data/node-ID); one made under another genesis is refused", HelpName = "DIR" };
        var id = new Option<int?>("--id") { Description = $"Node id (default PORT - {ClusterNodeOptions.BasePort} for ports {ClusterNodeOptions.BasePort}..{ClusterNodeOptions.BasePort + ClusterNodeOptions.DerivedIdRange - 1}, so 25521 is node 1; otherwise PORT)", HelpName = "N" };
        var pos = new Option<bool>("--pos") { Description = "Proof of stake from genesis (needs --genesis-time and genesis validators)" };
        var pow = new Option<bool>("--pow") { Description = "Proof of work (the default)" };
        var validator = new Option<string[]>("--validator") { Description = "A genesis validator this node hosts; repeatable", HelpName = "NAME" };
        var stake = new Option<string[]>("--stake") { Description = "A genesis validator and its stake in coins, e.g. --stake alice 32; repeatable; replaces actorchain.genesis.validators; the same on every node", HelpName = "NAME AMOUNT", AllowMultipleArgumentsPerToken = true, Arity = ArgumentArity.OneOrMore };
        var genesisTime = new Option<long?>("--genesis-time") { Description = "Genesis timestamp in ms since the Unix epoch, the same on every node (--pos needs a recent one)", HelpName = "MILLIS" };
        var mergeAt = new Option<long?>("--merge-at") { Description = "Merge PoW into PoS at PoW height H; the same on every node", HelpName = "H" };
        var config = new Option<string?>("--config") { Description = "A cluster.hocon layered over the built-in one: set only what changes", HelpName = "FILE" };
        var command = new Command("node", "Run one node as a member of an Akka.NET cluster (one process, one node). Prints 'node ID up: ...' once " +
            "the member is Up; Ctrl-C or SIGTERM leaves the cluster. Every process of one cluster must give the same --stake, --genesis-time, " +
            "--merge-at and --pos/--pow: a process whose genesis differs exits with code 2, naming the difference")
        {
            port, seeds, http, dataDir, id, pos, pow, validator, stake, genesisTime, mergeAt, config,
        };
        command.SetAction(parse =>
        {
            ClusterNodeOptions options;
            try
            {
                options = new ClusterNodeOptions
                {
                    Port = parse.GetValue(port) ?? ClusterNodeOptions.BasePort,
                    SeedNodes = [.. parse.GetValue(seeds) ?? []],
                    HttpPort = parse.GetValue(http),
                    DataDir = parse.GetValue(dataDir),
                    Id = parse.GetValue(id),
                    Pos = parse.GetValue(pos),
                    Pow = parse.GetValue(pow),
                    Validators = [.. parse.GetValue(validator) ?? []],
                    Stakes = Pairs(parse.GetValue(stake) ?? []),
                    GenesisTime = parse.GetValue(genesisTime),
                    MergeAt = parse.GetValue(mergeAt),
                    ConfigFile = parse.GetValue(config),
                };
            }
            catch (NodeStartException e)
            {
                Console.Error.WriteLine("actorchain: node: " + e.Message);
                return Program.BadInput;
            }

            return Run(options, Console.Out, Console.Error);
        });
        return command;
    }

    /// <summary>The <c>--stake</c> values as name–amount pairs.</summary>
    public static ImmutableArray<KeyValuePair<string, string>> Pairs(string[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Length % 2 != 0)
            throw new NodeStartException($"--stake needs a validator name and an amount, e.g. --stake alice 32, got '{values[^1]}' alone");
        return [.. Enumerable.Range(0, values.Length / 2).Select(i => KeyValuePair.Create(values[2 * i], values[(2 * i) + 1]))];
    }

    /// <summary>Starts the node of <paramref name="options"/> and runs it until it stops; returns the exit code.</summary>
    public static int Run(ClusterNodeOptions options, TextWriter stdout, TextWriter stderr)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        ClusterNode node;
        try
        {
            var setup = ClusterNodeSetup.Resolve(options);
            node = ClusterNode.StartAsync(setup).GetAwaiter().GetResult();
        }
        catch (NodeStartException e)
        {
            stderr.WriteLine((e.GenesisMismatch ? "actorchain: " : "actorchain: node: ") + e.Message);
            return e.ExitCode;
        }

        // Ctrl-C and SIGTERM leave the cluster (coordinated shutdown) and end the process normally.
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
        stdout.WriteLine(node.UpLine());
        stdout.Flush();
        var exit = node.Exited.GetAwaiter().GetResult();
        node.DisposeAsync().AsTask().GetAwaiter().GetResult();
        if (exit.Line is { } line)
            stderr.WriteLine("actorchain: " + line);
        return exit.Code;

        void Stop(PosixSignalContext context)
        {
            context.Cancel = true;
            _ = node.StopAsync();
        }
    }
}
