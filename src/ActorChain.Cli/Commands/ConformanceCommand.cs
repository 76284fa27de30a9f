using System.CommandLine;
using ActorChain.Core.Conformance;

namespace ActorChain.Cli.Commands;

/// <summary>
/// <c>conformance DIR</c>: every vector found under DIR (Ethereum's phase0 layout and ActorChain's golden layout)
/// through core. One line per failure, then <c>N passed, M failed</c>; exit 0 when all pass, 1 on any failure,
/// 2 when DIR holds nothing recognisable.
/// </summary>
public static class ConformanceCommand
{
    private static readonly string[] Presets = ["minimal", "mainnet", "all"];

    /// <summary>The command.</summary>
    public static Command Create()
    {
        var dir = new Argument<DirectoryInfo>("DIR") { Description = "A folder holding phase0/{minimal,mainnet}/... or <family>/cases.jsonl, anywhere below it" };
        var preset = new Option<string>("--preset") { Description = "Which phase0 presets to run: minimal, mainnet or all", DefaultValueFactory = _ => "all" };
        preset.AcceptOnlyFromAmong(Presets);
        var verbose = new Option<bool>("--verbose") { Description = "List every case, not only the failures" };
        var command = new Command("conformance", "Run Ethereum's phase0 epoch-processing vectors and ActorChain's golden vectors through core")
        {
            dir, preset, verbose,
        };
        command.SetAction(parse => Run(parse.GetValue(dir)!, parse.GetValue(preset)!, parse.GetValue(verbose), Console.Out, Console.Error));
        return command;
    }

    /// <summary>Runs the vectors under <paramref name="dir"/> and prints the report.</summary>
    public static int Run(DirectoryInfo dir, string preset, bool verbose, TextWriter stdout, TextWriter stderr)
    {
        if (!dir.Exists)
        {
            stderr.WriteLine($"actorchain conformance: {dir.FullName}: no such directory");
            return Program.BadInput;
        }

        var report = ConformanceSuite.Run(dir.FullName, preset);
        if (report.NothingFound)
        {
            stderr.WriteLine($"actorchain conformance: nothing recognisable under {dir.FullName} (expected phase0/<preset>/epoch_processing/... or <family>/cases.jsonl)");
            return Program.BadInput;
        }

        foreach (var error in report.Errors)
        {
            stdout.WriteLine($"ERROR {error}");
        }

        foreach (var r in report.Results)
        {
            if (!r.Passed)
            {
                stdout.WriteLine($"FAIL {r.Family} {r.Case}: {r.Difference}");
            }
            else if (verbose)
            {
                stdout.WriteLine($"ok   {r.Family} {r.Case}");
            }
        }

        var failed = report.FailedCount + report.Errors.Length;
        stdout.WriteLine($"{report.PassedCount} passed, {failed} failed");
        return failed == 0 ? 0 : 1;
    }
}
