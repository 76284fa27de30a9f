using System.CommandLine;
using System.Globalization;
using ActorChain.Node.Configuration;
using ActorChain.Simulation.Outputs;
using ActorChain.Simulation.Reports;
using ActorChain.Simulation.Running;
using ActorChain.Simulation.Scenarios;

namespace ActorChain.Cli.Commands;

/// <summary>
/// <c>simulate SCENARIO.conf [--seed N | --seeds A..B] [--out DIR] [--trace] [--report] [--csv] [--quiet] [--config FILE]</c>: a
/// scenario in virtual time (SIMULATION.md). Exit 0 when every expect held (of every seed), 1 when one failed (or a run could
/// not finish), 2 for a bad scenario, flag or output folder.
/// </summary>
public static class SimulateCommand
{
    /// <summary>The command.</summary>
    public static Command Create()
    {
        var scenario = new Argument<string>("SCENARIO.conf") { Description = "The scenario file (HOCON, SIMULATION.md)" };
        var seed = new Option<string?>("--seed") { Description = "Overrides scenario.seed (0 to 2^64 - 1)", HelpName = "N" };
        var output = new Option<string?>("--out") { Description = "Output folder (default ./out/<scenario name>)", HelpName = "DIR" };
        var trace = new Option<bool>("--trace") { Description = "Per-validator detail in epochs.jsonl (proof-of-stake scenarios)" };
        var quiet = new Option<bool>("--quiet") { Description = "No progress bar on stderr" };
        var config = new Option<string?>("--config")
        {
            Description = "A cluster.hocon layered over the built-in one (the repository's): set only what changes; the scenario's keys win",
            HelpName = "FILE",
        };
        var report = new Option<bool>("--report") { Description = "Also write report.html (charts as inline SVG); turns --trace on" };
        var csv = new Option<bool>("--csv") { Description = "Also write epochs.csv and validators.csv; turns --trace on" };
        var seeds = new Option<string?>("--seeds")
        {
            Description = "Run once per seed A..B (at most 10000), two at a time, each into OUT/seed-N; then seeds.json, seeds.csv and a table",
            HelpName = "A..B",
        };
        var command = new Command("simulate",
            "Run a scenario in virtual time and write summary.json, events.jsonl and epochs.jsonl. " +
            "Exit 0 when every expect held, 1 when one failed, 2 for a bad scenario")
        {
            scenario, seed, output, trace, quiet, config, report, csv, seeds,
        };
        command.SetAction(parse => Run(parse.GetValue(scenario)!, parse.GetValue(seed), parse.GetValue(output), parse.GetValue(trace),
            parse.GetValue(quiet), Console.Out, Console.Error, parse.GetValue(config), parse.GetValue(report), parse.GetValue(csv),
            parse.GetValue(seeds)));
        return command;
    }

    /// <summary>Parses, runs and reports one scenario; returns the exit code.</summary>
    public static int Run(string file, string? seed, string? outDir, bool trace, bool quiet, TextWriter stdout, TextWriter stderr,
        string? configFile = null, bool report = false, bool csv = false, string? seeds = null)
    {
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        SeedRange? range = null;
        if (seeds is not null)
        {
            if (seed is not null)
            {
                stderr.WriteLine("actorchain: simulate: --seeds: give --seed N or --seeds A..B, not both");
                return Program.BadInput;
            }

            try
            {
                range = SeedRange.Parse(seeds);
            }
            catch (FormatException e)
            {
                stderr.WriteLine("actorchain: simulate: --seeds: " + e.Message);
                return Program.BadInput;
            }
        }

        trace |= report || csv;
        ChainSettings @base;
        try
        {
            @base = configFile is null ? ChainSettings.Defaults : ChainSettingsLoader.FromFile(configFile);
        }
        catch (SettingsException e)
        {
            stderr.WriteLine("actorchain: simulate: " + e.Message);
            return Program.BadInput;
        }

        Scenario sc;
        try
        {
            sc = ScenarioParser.ParseFile(file);
            if (seed is not null) sc = sc.WithSeed(ScenarioParser.ParseSeed(seed));
        }
        catch (ScenarioException e)
        {
            Program.PrintProblems(stderr, "actorchain: ", file, e);
            return Program.BadInput;
        }

        var dir = outDir ?? Path.Combine("out", sc.Name);
        if (OutputProblem(dir) is { } problem)
        {
            stderr.WriteLine($"actorchain: simulate: --out: cannot write to {dir}: {problem}");
            return Program.BadInput;
        }

        if (range is not null) return SeedsCommand.Run(sc, @base, dir, range, report, csv, trace, quiet, stdout, stderr);
        SimulationResult r;
        try
        {
            r = quiet
                ? Simulations.Run(sc, @base, dir, null, trace)
                : ProgressBar.Run(stderr, progress => Simulations.Run(sc, @base, dir, progress, trace));
            if (report) HtmlReport.Write(dir);
            if (csv) CsvTables.Write(dir);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine($"actorchain: simulate: cannot write the outputs to {dir}: {e.Message}");
            return Program.BadInput;
        }
        catch (SimulationException e)
        {
            stderr.WriteLine("actorchain: simulate: " + e.Message);
            return 1;
        }

        PrintSummary(sc, r, dir, stdout);
        if (report) stdout.WriteLine("report " + Path.Combine(dir, "report.html"));
        return r.ExitCode;
    }

    /// <summary>Why <paramref name="dir"/> cannot take the outputs (created if missing, then probed with a file), or null when it can.</summary>
    internal static string? OutputProblem(string dir)
    {
        try
        {
            Directory.CreateDirectory(dir);
            var probe = Path.Combine(dir, ".actorchain-write-probe-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
            File.WriteAllText(probe, "");
            File.Delete(probe);
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return e.Message;
        }
    }

    private static void PrintSummary(Scenario sc, SimulationResult r, string dir, TextWriter o)
    {
        var s = r.Summary;
        var inv = CultureInfo.InvariantCulture;
        if (sc.Consensus == ConsensusKind.Pow)
        {
            var pow = (JsonMap)s["pow"]!;
            o.WriteLine(string.Create(inv, $"{sc.Name} (seed {sc.Seed}): {sc.Network.Nodes} nodes, height {pow["height"]}, {pow["orphans"]} orphans, {pow["reorgs"]} reorgs"));
        }
        else
        {
            var node0 = ((IReadOnlyList<JsonMap>)s["nodes"]!)[0];
            var head = node0.ContainsKey("down") ? "node 0 down" :
                string.Create(inv, $"node 0 head slot {node0["headSlot"]}, justified {((JsonMap)node0["justified"]!)["epoch"]}, finalized {((JsonMap)node0["finalized"]!)["epoch"]}");
            o.WriteLine(string.Create(inv, $"{sc.Name} (seed {sc.Seed}): {sc.Network.Nodes} nodes, {sc.Validators.Length} validators, {s["epochs"]} epochs; {head}"));
        }

        o.WriteLine(string.Create(inv, $"virtual {r.VirtualSeconds:0.0} s in {r.WallSeconds:0.00} s wall ({r.VirtualSeconds / Math.Max(0.001, r.WallSeconds):0}x real time)"));
        o.WriteLine(Performance.Line(r));
        foreach (var f in (IEnumerable<JsonMap>)s["faults"]!)
        {
            if (f["note"] is string note) o.WriteLine($"fault {f["fault"]}: {note}");
        }

        foreach (var e in (IEnumerable<JsonMap>)s["expectations"]!)
        {
            var detail = (string)e["detail"]!;
            o.WriteLine($"expect {e["expect"]}: {(e["passed"] is true ? "passed" : "FAILED")}{(detail.Length == 0 ? "" : " (" + detail + ")")}");
        }

        o.WriteLine("wrote " + dir);
        o.Flush();
    }
}
