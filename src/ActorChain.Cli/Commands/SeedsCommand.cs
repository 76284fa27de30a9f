using System.Diagnostics;
using System.Globalization;
using ActorChain.Node.Configuration;
using ActorChain.Simulation.Outputs;
using ActorChain.Simulation.Reports;
using ActorChain.Simulation.Scenarios;

namespace ActorChain.Cli.Commands;

/// <summary>
/// <c>simulate SCENARIO --seeds A..B</c>: the sweep (<see cref="SeedSweep"/>), one stderr line per seed unless
/// <c>--quiet</c>, the aggregate files, and a table on stdout. Exit 0 when every seed passed every expectation, else 1.
/// </summary>
public static class SeedsCommand
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>Runs the sweep into <paramref name="dir"/> (writable, checked by the caller) and returns the exit code.</summary>
    public static int Run(Scenario sc, ChainSettings @base, string dir, SeedRange range, bool report, bool csv, bool trace, bool quiet,
        TextWriter stdout, TextWriter stderr)
    {
        ArgumentNullException.ThrowIfNull(sc);
        ArgumentNullException.ThrowIfNull(range);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        var wall = Stopwatch.StartNew();
        var done = 0;
        IReadOnlyList<SeedOutcome> outcomes;
        try
        {
            outcomes = SeedSweep.Run(sc, @base, dir, range, trace, (o, seedDir) =>
            {
                if (o.Error is null && report) HtmlReport.Write(seedDir);
                if (o.Error is null && csv) CsvTables.Write(seedDir);
                done++;
                if (quiet) return;
                var failed = o.Error ?? string.Join("; ", o.Expectations.Where(x => !x.Passed).Select(x => x.Expect));
                stderr.WriteLine(string.Create(Inv, $"seed {o.Seed}: {(o.ExitCode == 0 ? "passed" : "FAILED (" + failed + ")")} [{done}/{range.Count}, {o.WallSeconds:0.00} s]"));
            });
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine($"actorchain: simulate: cannot write the outputs to {dir}: {e.Message}");
            return Program.BadInput;
        }

        var aggregate = SeedSweep.Aggregate(sc, range, outcomes, wall.Elapsed.TotalSeconds);
        try
        {
            SeedSweep.WriteAggregate(dir, aggregate, outcomes);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine($"actorchain: simulate: cannot write seeds.json to {dir}: {e.Message}");
            return Program.BadInput;
        }

        PrintTable(sc, range, aggregate, wall.Elapsed.TotalSeconds, dir, stdout);
        return outcomes.All(o => o.ExitCode == 0) ? 0 : 1;
    }

    private static void PrintTable(Scenario sc, SeedRange range, JsonMap a, double wallSeconds, string dir, TextWriter o)
    {
        var runs = (int)a["runs"]!;
        o.WriteLine(string.Create(Inv, $"{sc.Name}: seeds {range.From}..{range.To}, {runs} runs, {SeedSweep.Parallelism} at a time, {wallSeconds:0.0} s wall; {a["passedRuns"]} passed every expectation"));
        var rows = new List<string[]> { new[] { "expect", "passed", "failed", "failed seeds" } };
        foreach (var e in (IEnumerable<JsonMap>)a["expectations"]!)
        {
            var failedSeeds = ((IEnumerable<object>)e["failedSeeds"]!).Select(x => Convert.ToString(x, Inv)!).ToList();
            rows.Add([(string)e["expect"]!, $"{e["passed"]}/{runs}", $"{e["failed"]}", string.Join(" ", failedSeeds.Take(10)) + (failedSeeds.Count > 10 ? " …" : "")]);
        }

        foreach (var err in (IEnumerable<JsonMap>)a["errors"]!) rows.Add([$"(seed {err["seed"]} could not finish)", "", "", (string)err["error"]!]);
        var dist = new List<string[]> { new[] { "distribution", "min", "median", "p90", "max", "samples" } };
        Dist(dist, "finality lag (epochs, every node-epoch)", a["finalityLag"] as JsonMap);
        Dist(dist, "max finality lag per seed (epochs)", a["maxFinalityLag"] as JsonMap);
        Dist(dist, "slashing latency (virtual s)", a["slashingLatencySeconds"] as JsonMap);
        Table(o, rows);
        Table(o, dist);
        o.WriteLine($"wrote {Path.Combine(dir, "seeds.json")}, {Path.Combine(dir, "seeds.csv")} and seed-N/ per seed");
        o.Flush();
    }

    private static void Table(TextWriter o, List<string[]> rows)
    {
        var widths = Enumerable.Range(0, rows.Max(r => r.Length)).Select(c => rows.Max(r => c < r.Length ? r[c].Length : 0)).ToArray();
        foreach (var r in rows)
            o.WriteLine(string.Join("  ", r.Select((cell, c) => c == r.Length - 1 ? cell : cell.PadRight(widths[c]))).TrimEnd());
    }

    private static void Dist(List<string[]> rows, string name, JsonMap? d)
    {
        if (d is null)
        {
            rows.Add([name, "—", "—", "—", "—", "0"]);
            return;
        }

        static string F(object? v) => Convert.ToDouble(v, Inv).ToString("0.###", Inv);
        rows.Add([name, F(d["min"]), F(d["median"]), F(d["p90"]), F(d["max"]), Convert.ToString(d["samples"], Inv)!]);
    }
}
