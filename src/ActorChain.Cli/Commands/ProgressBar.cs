using System.Globalization;
using ActorChain.Simulation.Running;
using Spectre.Console;

namespace ActorChain.Cli.Commands;

/// <summary>The progress bar of <c>simulate</c> on stderr (Spectre.Console): epoch or height, the head, the finalized epoch, speed.</summary>
public static class ProgressBar
{
    /// <summary>Runs <paramref name="run"/> (on this thread) with a bar on <paramref name="stderr"/> fed by its progress reports.</summary>
    public static T Run<T>(TextWriter stderr, Func<IRunProgress, T> run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(stderr) });
        if (!console.Profile.Capabilities.Interactive || !console.Profile.Capabilities.Ansi)
            return run(new PlainReporter(stderr)); // a log file or a pipe: one line now and then, and the last one

        T result = default!;
        console.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .Start(ctx =>
            {
                var task = ctx.AddTask("starting", maxValue: 1);
                result = run(new Reporter(task));
            });
        return result;
    }

    private static string Describe(RunProgress p)
    {
        var inv = CultureInfo.InvariantCulture;
        var head = p.Head ?? "-";
        return p.Unit == "slot"
            ? string.Create(inv, $"epoch {p.Epoch} slot {p.Done}/{p.Total}  head {head}  finalized {(p.Finalized is { } f ? f.ToString(inv) : "-")}  {p.PerWallSecond:0} slots/s")
            : string.Create(inv, $"height {p.Done}/{p.Total}  head {head}  virtual {p.VirtualSeconds:0} s  {p.PerWallSecond:0} blocks/s");
    }

    /// <summary>Without a terminal: a plain line every 50th report (about every 10 wall seconds) and the last one.</summary>
    private sealed class PlainReporter(TextWriter stderr) : IRunProgress
    {
        private long _reports;

        public void Report(RunProgress p)
        {
            if (p.Last || _reports++ % 50 == 0) stderr.WriteLine(Describe(p));
        }
    }

    private sealed class Reporter(ProgressTask task) : IRunProgress
    {
        public void Report(RunProgress p)
        {
            task.MaxValue = Math.Max(1, p.Total);
            task.Value = Math.Min(p.Done, task.MaxValue);
            task.Description = Markup.Escape(Describe(p));
            if (p.Last) task.StopTask();
        }
    }
}
