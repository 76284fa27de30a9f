using System.CommandLine;
using System.Globalization;
using ActorChain.Cli.View;
using ActorChain.Cluster.Embedded;
using ActorChain.Cluster.Hosting;
using ActorChain.Node.Configuration;
using ActorChain.Simulation.Live;
using ActorChain.Simulation.Scenarios;
using Spectre.Console;

namespace ActorChain.Cli.Commands;

/// <summary>
/// <c>run [SCENARIO.conf]</c>: an embedded network in real time with a live terminal view (or a line every 5 s), until
/// Ctrl-C, <c>--stop-after</c> or the scenario's stop; then a summary. Exit 0, or 2 for bad input.
/// </summary>
public static class RunCommand
{
    /// <summary>The environment variable read when <c>--log-level</c> is not given.</summary>
    public const string LogEnvironment = "ACTORCHAIN_LOG";

    /// <summary>The command.</summary>
    public static Command Create()
    {
        var scenario = new Argument<string?>("SCENARIO.conf") { Description = "A scenario file to play live in real time, faults included (SIMULATION.md); without it the flags describe the network", Arity = ArgumentArity.ZeroOrOne };
        var consensus = new Option<string?>("--consensus") { Description = "merge (default): proof of work, then the merge at --merge-at into proof of stake; pos: proof of stake from genesis; pow: proof of work only", HelpName = "merge|pos|pow" };
        var pos = new Option<bool>("--pos") { Description = "Short for --consensus pos" };
        var pow = new Option<bool>("--pow") { Description = "Short for --consensus pow" };
        var nodes = new Option<int?>("--nodes") { Description = $"Nodes (default {RunPlanner.DefaultNodes})", HelpName = "N" };
        var miners = new Option<int?>("--miners") { Description = $"Miners, spread round-robin over the nodes (default {RunPlanner.DefaultMiners}; none with pos)", HelpName = "N" };
        var validators = new Option<int?>("--validators") { Description = $"Genesis validators v0, v1, ..., spread round-robin over the nodes (default {RunPlanner.DefaultValidators})", HelpName = "K" };
        var stakeEach = new Option<string?>("--stake-each") { Description = $"Each --validators validator's stake in coins (default {RunPlanner.DefaultStake})", HelpName = "COINS" };
        var stake = new Option<string[]>("--stake") { Description = "A named genesis validator and its stake in coins, e.g. --stake alice 32; repeatable; spread round-robin over the nodes (instead of --validators)", HelpName = "NAME COINS", AllowMultipleArgumentsPerToken = true, Arity = ArgumentArity.OneOrMore };
        var preset = new Option<string?>("--preset") { Description = "Consensus constants (CONSENSUS.md §1; default the config's, minimal)", HelpName = "minimal|mainnet|tutorial" };
        var slot = new Option<string?>("--slot") { Description = "SECONDS_PER_SLOT in whole seconds, e.g. 2s (default the preset's: 1 s minimal, 12 s mainnet)", HelpName = "DURATION" };
        var mining = new Option<string?>("--mining") { Description = "real: SHA-256d nonce search on its own dispatcher; simulated: block times drawn from the miners' hashrate (default the config's pow.mode, real)", HelpName = "real|simulated" };
        var blockTime = new Option<string?>("--block-time") { Description = "PoW target block time, e.g. 2s (default 1s when merging, else the config's)", HelpName = "DURATION" };
        var mergeAt = new Option<long?>("--merge-at") { Description = $"The PoW height whose block becomes the terminal block (default {RunPlanner.DefaultMergeAt}; merge)", HelpName = "HEIGHT" };
        var seed = new Option<string?>("--seed") { Description = "Seed of the miners' and links' random generators (default 1; a scenario's own otherwise)", HelpName = "N" };
        var txRate = new Option<double?>("--tx-rate") { Description = $"Signed transfers a second between the genesis accounts, sent to the nodes in turn (default {RunPlanner.DefaultTxRate}; 0 = none; none for a scenario file)", HelpName = "N" };
        var stopAfter = new Option<string?>("--stop-after") { Description = "Stop after this long, e.g. 90s or 2m, and print the summary (default: Ctrl-C, or the scenario's stop)", HelpName = "DURATION" };
        var noView = new Option<bool>("--no-view") { Description = "No live view: a plain status line every 5 s (also when stdout is not a terminal)" };
        var logLevel = new Option<string?>("--log-level") { Description = $"Akka's log level: debug, info, warning (default), error or off; or set {LogEnvironment}", HelpName = "LEVEL" };
        var logFile = new Option<string?>("--log-file") { Description = "Append the log to this file (default: stderr; held until the end while the live view draws)", HelpName = "FILE" };
        var httpPort = new Option<int?>("--http-port") { Description = $"Serve the HTTP API (each node with ?node=N) and the live dashboard on 127.0.0.1:PORT (default {RunHttpHost.DefaultPort}; 0 = any free port)", HelpName = "PORT" };
        var noHttp = new Option<bool>("--no-http") { Description = "No HTTP API and no dashboard" };
        var config = new Option<string?>("--config") { Description = "A cluster.hocon layered over the built-in one (the repository's): set only what changes; an unknown key is an error", HelpName = "FILE" };
        var command = new Command("run", "Run an embedded network live in real time with a live terminal view: PoW, the merge, PoS finality, slashings. " +
            "By default 4 nodes mine with 4 miners (1 s blocks) and merge at height 16 into proof of stake with 16 validators of 32 coins")
        {
            scenario, consensus, pos, pow, nodes, miners, validators, stakeEach, stake, preset, slot, mining, blockTime, mergeAt, seed,
            txRate, stopAfter, noView, logLevel, logFile, config, httpPort, noHttp,
        };
        command.SetAction(parse => Run(Read(parse), Console.Out, Console.Error));
        return command;
    }

    /// <summary>The flags of a parsed <c>run</c> command line, as given.</summary>
    public static RunRequest Read(ParseResult parse)
    {
        ArgumentNullException.ThrowIfNull(parse);
        return new RunRequest
        {
            Scenario = parse.GetValue<string?>("SCENARIO.conf"),
            Consensus = parse.GetValue<string?>("--consensus"),
            Pos = parse.GetValue<bool>("--pos"),
            Pow = parse.GetValue<bool>("--pow"),
            Nodes = parse.GetValue<int?>("--nodes"),
            Miners = parse.GetValue<int?>("--miners"),
            Validators = parse.GetValue<int?>("--validators"),
            StakeEach = parse.GetValue<string?>("--stake-each"),
            Stakes = [.. parse.GetValue<string[]>("--stake") ?? []],
            Preset = parse.GetValue<string?>("--preset"),
            Slot = parse.GetValue<string?>("--slot"),
            Mining = parse.GetValue<string?>("--mining"),
            BlockTime = parse.GetValue<string?>("--block-time"),
            MergeAt = parse.GetValue<long?>("--merge-at"),
            Seed = parse.GetValue<string?>("--seed"),
            TxRate = parse.GetValue<double?>("--tx-rate"),
            StopAfter = parse.GetValue<string?>("--stop-after"),
            NoView = parse.GetValue<bool>("--no-view"),
            LogLevel = parse.GetValue<string?>("--log-level"),
            LogFile = parse.GetValue<string?>("--log-file"),
            Config = parse.GetValue<string?>("--config"),
            HttpPort = parse.GetValue<int?>("--http-port"),
            NoHttp = parse.GetValue<bool>("--no-http"),
        };
    }

    /// <summary>Checks the flags, runs the network live until it is stopped, prints the summary; returns the exit code.</summary>
    public static int Run(RunRequest request, TextWriter stdout, TextWriter stderr)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        if (Prepare(request, stderr) is not var (plan, level)) return Program.BadInput;
        var view = !request.NoView && !Console.IsOutputRedirected;
        IAnsiConsole? console = null;
        if (view)
        {
            console = AnsiConsole.Console;
            if (LiveScreen.TooSmall(console.Profile.Width, console.Profile.Height) is { } small)
            {
                stderr.WriteLine("actorchain: run: " + small);
                return Program.BadInput;
            }
        }

        LiveLog log;
        try
        {
            log = LiveLog.Open(level, request.LogFile, view);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            stderr.WriteLine($"actorchain: run: --log-file: cannot write {request.LogFile}: {e.Message}");
            return Program.BadInput;
        }

        using (log)
        {
            EmbeddedNodes? nodes = null;
            RunHttpHost? http = null;
            if (!request.NoHttp)
            {
                nodes = new EmbeddedNodes(plan);
                try
                {
                    http = RunHttpHost.StartAsync(request.HttpPort ?? RunHttpHost.DefaultPort, nodes).GetAwaiter().GetResult();
                }
                catch (NodeStartException e)
                {
                    stderr.WriteLine("actorchain: run: " + e.Message);
                    return Program.BadInput;
                }
            }

            try
            {
                return RunLive(plan, log, console, stdout, stderr, nodes, http);
            }
            finally
            {
                http?.DisposeAsync().AsTask().GetAwaiter().GetResult();
            }
        }
    }

    /// <summary>The plan and log level of <paramref name="request"/>, or null after one line on <paramref name="stderr"/>.</summary>
    public static (LivePlan Plan, string Level)? Prepare(RunRequest request, TextWriter stderr)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(stderr);
        try
        {
            var level = RunPlanner.LogLevel(request.LogLevel, Environment.GetEnvironmentVariable(LogEnvironment));
            var plan = RunPlanner.Plan(request);
            if (plan.RealTimeProblem() is { } problem)
            {
                stderr.WriteLine($"actorchain: run: {(request.Scenario is null ? "" : request.Scenario + ": ")}cannot run in real time: {problem}");
                return null;
            }

            return (plan, level);
        }
        catch (Exception e) when (e is UsageException or SettingsException)
        {
            stderr.WriteLine("actorchain: run: " + e.Message);
        }
        catch (ScenarioException e)
        {
            Program.PrintProblems(stderr, "actorchain: run: ", request.Scenario ?? "", e);
        }

        return null;
    }

    private static int RunLive(LivePlan plan, LiveLog log, IAnsiConsole? console, TextWriter stdout, TextWriter stderr,
        EmbeddedNodes? nodes, RunHttpHost? http)
    {
        using var cancel = new CancellationTokenSource();
        ConsoleCancelEventHandler onCtrlC = (_, e) =>
        {
            if (cancel.IsCancellationRequested)
            {
                if (console is not null)
                    Console.Out.Write("\u001b[?25h"); // a second Ctrl-C ends the process now: the cursor at least comes back
                return;
            }

            e.Cancel = true;
            cancel.Cancel();
        };
        Console.CancelKeyPress += onCtrlC;
        try
        {
            if (console is null) stdout.WriteLine("ActorChain: " + plan.Title + Ending(plan));
            if (http is not null)
            {
                stdout.WriteLine("dashboard: " + http.Url); // before the live view takes the screen
                stdout.Flush();
            }

            LiveRun run;
            try
            {
                run = LiveRun.Start(plan, log, nodes is null ? null : [nodes]);
                nodes?.Attach(run);
            }
            catch (InvalidOperationException e)
            {
                stderr.WriteLine("actorchain: run: " + e.Message);
                return 1;
            }

            using (run)
            {
                var loop = new RenderLoop(run.Board);
                var stats = console is null ? loop.RunLines(stdout, cancel.Token) : loop.RunView(console, cancel.Token);
                var why = cancel.IsCancellationRequested ? "Ctrl-C"
                    : plan.StopAfter is { } cut && run.Board.Current.ElapsedMillis >= (long)cut.TotalMilliseconds
                        ? "--stop-after " + Math.Round(cut.TotalSeconds).ToString(CultureInfo.InvariantCulture) + "s"
                        : "the scenario's stop";
                stdout.WriteLine();
                stdout.WriteLine("stopping ...");
                http?.StopAsync().GetAwaiter().GetResult(); // the API stops with the run: open event streams end first
                var last = run.Stop();
                log.Release(stderr);
                stdout.WriteLine(TextReport.Summary(last, why));
                if (console is not null) stdout.WriteLine(stats.Describe());
                stdout.Flush();
                return 0;
            }
        }
        finally
        {
            Console.CancelKeyPress -= onCtrlC;
        }
    }

    private static string Ending(LivePlan plan) => plan.StopAfter is { } d
        ? string.Create(CultureInfo.InvariantCulture, $", stopping after {d.TotalSeconds:0} s")
        : plan.ScenarioStop is not null ? ", until the scenario's stop (Ctrl-C to stop sooner)" : " (Ctrl-C to stop)";
}
