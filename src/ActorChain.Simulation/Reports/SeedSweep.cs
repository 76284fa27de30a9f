using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using ActorChain.Node.Configuration;
using ActorChain.Simulation.Outputs;
using ActorChain.Simulation.Running;
using ActorChain.Simulation.Scenarios;
using static ActorChain.Simulation.Reports.RunFiles;

namespace ActorChain.Simulation.Reports;

/// <summary>A seed range <c>A..B</c> of <c>simulate --seeds</c>: <c>0 ≤ A ≤ B</c>, at most <see cref="MaxRuns"/> seeds.</summary>
public sealed record SeedRange(ulong From, ulong To)
{
    /// <summary>The most runs one <c>--seeds</c> may ask for.</summary>
    public const int MaxRuns = 10_000;

    /// <summary>How many seeds.</summary>
    public int Count => checked((int)(To - From + 1));

    /// <summary>The seeds, ascending.</summary>
    public IEnumerable<ulong> Seeds()
    {
        for (var s = From; ; s++)
        {
            yield return s;
            if (s == To) yield break;
        }
    }

    /// <summary>Parses <c>A..B</c>; <see cref="FormatException"/> with a one-line message otherwise.</summary>
    public static SeedRange Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parts = text.Split("..");
        if (parts.Length != 2 || !ulong.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var a)
            || !ulong.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var b))
            throw new FormatException($"expected A..B, two whole numbers from 0 to 2^64 - 1 with A <= B (e.g. 1..100), got '{text}'");
        if (a > b) throw new FormatException($"the range {a}..{b} is empty: A must not exceed B");
        if (b - a >= MaxRuns) throw new FormatException($"{a}..{b} is {(b - a == ulong.MaxValue ? "2^64" : (b - a + 1).ToString(CultureInfo.InvariantCulture))} runs; at most {MaxRuns} in one call");
        return new SeedRange(a, b);
    }
}

/// <summary>What one seed of a sweep gave: its exit code, its expectations' outcomes, and the figures the aggregate needs.</summary>
public sealed record SeedOutcome(ulong Seed, int ExitCode, string? Error, ImmutableArray<(string Expect, bool Passed)> Expectations,
    ImmutableArray<long> FinalityLags, ImmutableArray<double> SlashingLatencies, long? FinalizedEpoch, string ResultHash, double WallSeconds);

/// <summary>
/// <c>simulate --seeds A..B</c>: runs one scenario once per seed in this process, <see cref="Parallelism"/> at a time,
/// each seed's outputs in <c>OUT/seed-N/</c>, then writes <c>seeds.json</c> and <c>seeds.csv</c> into OUT (docs/outputs.md).
/// The runs share nothing but process-wide caches keyed by all their inputs; each has its own actor system and
/// conductor thread, and runs quiet.
/// </summary>
public static class SeedSweep
{
    /// <summary>Runs at a time: both cores of the target machine.</summary>
    public const int Parallelism = 2;

    /// <summary>
    /// Runs every seed of <paramref name="range"/>; <paramref name="after"/> is called once per finished seed (from a
    /// worker thread, one call at a time) for each seed's extra outputs and progress. An I/O failure stops the sweep and
    /// is thrown; a run that cannot finish (<see cref="SimulationException"/>) is an outcome with exit code 1.
    /// </summary>
    public static ImmutableArray<SeedOutcome> Run(Scenario sc, ChainSettings @base, string outDir, SeedRange range, bool trace,
        Action<SeedOutcome, string>? after = null, int parallelism = Parallelism)
    {
        ArgumentNullException.ThrowIfNull(sc);
        ArgumentNullException.ThrowIfNull(range);
        var seeds = range.Seeds().ToArray();
        var results = new SeedOutcome?[seeds.Length];
        var next = -1;
        Exception? failure = null;
        var gate = new Lock();
        void Work()
        {
            while (Volatile.Read(ref failure) is null)
            {
                var i = Interlocked.Increment(ref next);
                if (i >= seeds.Length) return;
                try
                {
                    var dir = Path.Combine(outDir, "seed-" + seeds[i].ToString(CultureInfo.InvariantCulture));
                    var outcome = One(sc.WithSeed(seeds[i]), @base, dir, trace);
                    results[i] = outcome;
                    lock (gate) after?.Invoke(outcome, dir);
                }
                catch (Exception e) when (e is not OutOfMemoryException)
                {
                    Interlocked.CompareExchange(ref failure, e, null);
                }
            }
        }

        var threads = Enumerable.Range(0, Math.Max(1, Math.Min(parallelism, seeds.Length)))
            .Select(i => new Thread(Work, 16 * 1024 * 1024) { Name = "seed-runner-" + i.ToString(CultureInfo.InvariantCulture), IsBackground = true })
            .ToList();
        foreach (var t in threads) t.Start();
        foreach (var t in threads) t.Join();
        if (failure is not null) System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(failure).Throw();
        return [.. results.Select(r => r!)];
    }

    /// <summary>One seed: the run, then its figures read back from its outputs.</summary>
    public static SeedOutcome One(Scenario sc, ChainSettings @base, string dir, bool trace)
    {
        ArgumentNullException.ThrowIfNull(sc);
        SimulationResult r;
        try
        {
            r = Simulations.Run(sc, @base, dir, null, trace);
        }
        catch (SimulationException e)
        {
            return new SeedOutcome(sc.Seed, 1, e.Message, [], [], [], null, "", 0);
        }

        var run = RunFiles.Read(dir);
        var expectations = Objects(run.Summary["expectations"]).Select(e => (Str(e["expect"]), Bool(e["passed"]))).ToImmutableArray();
        var lags = run.EpochNodes().SelectMany(n => run.EpochsOf(n)).Select(FinalityLag).ToImmutableArray();
        var latencies = SlashingLatency.Of(run).Select(l => l.Seconds).ToImmutableArray();
        var finalized = run.IsPow ? null : Objects(run.Summary["nodes"]).Select(n => Long((n["finalized"] as JsonObject)?["epoch"])).Where(x => x is not null).DefaultIfEmpty(null).Min();
        return new SeedOutcome(sc.Seed, r.ExitCode, null, expectations, lags, latencies, finalized, Str(run.Summary["resultHash"]), r.WallSeconds);
    }

    /// <summary>Nearest-rank quantiles of <paramref name="xs"/>: min, median (p50), p90, max, and the count; null when empty.</summary>
    public static JsonMap? Distribution(IEnumerable<double> xs)
    {
        var sorted = xs.Order().ToArray();
        if (sorted.Length == 0) return null;
        double Q(double p) => sorted[Math.Max(0, (int)Math.Ceiling(p * sorted.Length) - 1)];
        return new JsonMap
        {
            ["samples"] = sorted.Length,
            ["min"] = sorted[0],
            ["median"] = Q(0.5),
            ["p90"] = Q(0.9),
            ["max"] = sorted[^1],
        };
    }

    /// <summary>The aggregate (seeds.json) of a sweep's outcomes, in seed order; <paramref name="wallSeconds"/> is the sweep's wall time.</summary>
    public static JsonMap Aggregate(Scenario sc, SeedRange range, IReadOnlyList<SeedOutcome> outcomes, double wallSeconds)
    {
        ArgumentNullException.ThrowIfNull(sc);
        ArgumentNullException.ThrowIfNull(range);
        ArgumentNullException.ThrowIfNull(outcomes);
        var expects = new List<string>();
        foreach (var o in outcomes)
        {
            foreach (var (e, _) in o.Expectations) if (!expects.Contains(e)) expects.Add(e);
        }

        var expectations = expects.Select(e => new JsonMap
        {
            ["expect"] = e,
            ["passed"] = outcomes.Count(o => o.Expectations.Any(x => x.Expect == e && x.Passed)),
            ["failed"] = outcomes.Count(o => !o.Expectations.Any(x => x.Expect == e && x.Passed)),
            ["failedSeeds"] = outcomes.Where(o => !o.Expectations.Any(x => x.Expect == e && x.Passed)).Select(o => (object)o.Seed).ToList(),
        }).ToList();
        return new JsonMap
        {
            ["scenario"] = sc.Name,
            ["from"] = range.From,
            ["to"] = range.To,
            ["runs"] = outcomes.Count,
            ["passedRuns"] = outcomes.Count(o => o.ExitCode == 0),
            ["failedSeeds"] = outcomes.Where(o => o.ExitCode != 0).Select(o => (object)o.Seed).ToList(),
            ["errors"] = outcomes.Where(o => o.Error is not null).Select(o => new JsonMap { ["seed"] = o.Seed, ["error"] = o.Error }).ToList(),
            ["expectations"] = expectations,
            ["finalityLag"] = Distribution(outcomes.SelectMany(o => o.FinalityLags).Select(l => (double)l)),
            ["maxFinalityLag"] = Distribution(outcomes.Where(o => o.FinalityLags.Length > 0).Select(o => (double)o.FinalityLags.Max())),
            ["slashingLatencySeconds"] = Distribution(outcomes.SelectMany(o => o.SlashingLatencies)),
            ["parallelism"] = Parallelism,
            ["wallSeconds"] = wallSeconds,
            ["toolVersion"] = SummaryFile.ToolVersion,
        };
    }

    /// <summary>seeds.csv: one RFC 4180 row per seed.</summary>
    public static string Csv(IReadOnlyList<SeedOutcome> outcomes)
    {
        ArgumentNullException.ThrowIfNull(outcomes);
        var inv = CultureInfo.InvariantCulture;
        var b = new StringBuilder();
        CsvTables.Line(b, ["seed", "exitCode", "failedExpectations", "finalizedEpoch", "maxFinalityLag", "slashings", "maxSlashingLatencySeconds", "resultHash", "error"]);
        foreach (var o in outcomes)
        {
            CsvTables.Line(b,
            [
                o.Seed.ToString(inv), o.ExitCode.ToString(inv), string.Join(";", o.Expectations.Where(x => !x.Passed).Select(x => x.Expect)),
                o.FinalizedEpoch?.ToString(inv) ?? "", o.FinalityLags.Length == 0 ? "" : o.FinalityLags.Max().ToString(inv),
                o.SlashingLatencies.Length.ToString(inv), o.SlashingLatencies.Length == 0 ? "" : Json.DoubleText(o.SlashingLatencies.Max()),
                o.ResultHash, o.Error ?? "",
            ]);
        }

        return b.ToString();
    }

    /// <summary>Writes seeds.json (indented) and seeds.csv into <paramref name="outDir"/>.</summary>
    public static void WriteAggregate(string outDir, JsonMap aggregate, IReadOnlyList<SeedOutcome> outcomes)
    {
        var utf8 = new UTF8Encoding(false);
        File.WriteAllText(Path.Combine(outDir, "seeds.json"), Json.WritePretty(aggregate) + "\n", utf8);
        File.WriteAllText(Path.Combine(outDir, "seeds.csv"), Csv(outcomes), utf8);
    }
}
