using System.CommandLine;
using ActorChain.Simulation.Reports;

namespace ActorChain.Cli.Commands;

/// <summary>
/// <c>report DIR [--csv]</c>: writes report.html (and with <c>--csv</c> epochs.csv and validators.csv) into a folder
/// <c>simulate</c> wrote, from its files alone. Exit 0, or 2 when the folder has no readable outputs or cannot be written.
/// </summary>
public static class ReportCommand
{
    /// <summary>The command.</summary>
    public static Command Create()
    {
        var dir = new Argument<string>("DIR") { Description = "A simulate output folder (summary.json, events.jsonl, epochs.jsonl)" };
        var csv = new Option<bool>("--csv") { Description = "Also write epochs.csv and validators.csv" };
        var command = new Command("report", "Write report.html (inline SVG charts, no script) for a simulate output folder") { dir, csv };
        command.SetAction(parse => Run(parse.GetValue(dir)!, parse.GetValue(csv), Console.Out, Console.Error));
        return command;
    }

    /// <summary>Builds the report (and CSVs) of <paramref name="dir"/>; returns the exit code.</summary>
    public static int Run(string dir, bool csv, TextWriter stdout, TextWriter stderr)
    {
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        if (!File.Exists(Path.Combine(dir, "summary.json")))
        {
            stderr.WriteLine($"actorchain: report: {dir}: no summary.json (not a simulate output folder)");
            return Program.BadInput;
        }

        try
        {
            var path = HtmlReport.Write(dir);
            if (csv) CsvTables.Write(dir);
            stdout.WriteLine("wrote " + path + (csv ? " and the CSV tables" : ""));
            return 0;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            stderr.WriteLine($"actorchain: report: {dir}: {e.Message}");
            return Program.BadInput;
        }
    }
}
