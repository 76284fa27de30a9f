using System.Diagnostics;
using System.Globalization;
using ActorChain.Simulation.Live;
using Spectre.Console;

namespace ActorChain.Cli.View;

/// <summary>
/// The one loop that owns the console during <c>run</c>: it reads the latest snapshot off the board and draws it, at
/// most <see cref="FramesPerSecond"/> times a second in place (Spectre's live display), or prints a plain line every
/// <see cref="LineEvery"/> without a view. It ends when the snapshot says the run is done or <c>cancel</c> fires, and
/// leaves the terminal clean: the frame complete, the cursor shown. It reads the wall clock only to pace itself.
/// </summary>
public sealed class RenderLoop(LiveBoard board)
{
    /// <summary>Redraws per second at most.</summary>
    public const int FramesPerSecond = 4;

    /// <summary>How often a plain line is printed without a view.</summary>
    public static readonly TimeSpan LineEvery = TimeSpan.FromSeconds(5);

    /// <summary>Frames drawn (or lines printed), time spent building and drawing them, and the loop thread's CPU time.</summary>
    public sealed record Stats(long Frames, TimeSpan Busy, TimeSpan Wall, TimeSpan? Cpu)
    {
        /// <summary>One line for the summary: how much of one core the loop used.</summary>
        public string Describe()
        {
            var used = Cpu ?? Busy;
            return string.Create(CultureInfo.InvariantCulture,
                $"view: {Frames} frames in {Wall.TotalSeconds:0.0} s; render loop {(Cpu is null ? "busy" : "CPU")} {used.TotalMilliseconds:0} ms = {100 * used.TotalSeconds / Math.Max(0.001, Wall.TotalSeconds):0.00}% of one core (drawing {Busy.TotalMilliseconds:0} ms)");
        }
    }

    /// <summary>Draws in place on <paramref name="console"/> until done or cancelled.</summary>
    public Stats RunView(IAnsiConsole console, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(console);
        var wall = Stopwatch.StartNew();
        var cpu0 = ThreadCpu.Now();
        var busy = new Stopwatch();
        long frames = 0;
        var every = TimeSpan.FromMilliseconds(1000.0 / FramesPerSecond);
        console.Live(new Text(""))
            .AutoClear(false)
            .Overflow(VerticalOverflow.Crop)
            .Cropping(VerticalOverflowCropping.Bottom)
            .Start(ctx =>
            {
                while (true)
                {
                    busy.Start();
                    var s = board.Current;
                    ctx.UpdateTarget(LiveScreen.Render(s, console.Profile.Width, console.Profile.Height));
                    ctx.Refresh();
                    busy.Stop();
                    frames++;
                    if (s.Done || cancel.WaitHandle.WaitOne(every)) break;
                }
            });
        return new Stats(frames, busy.Elapsed, wall.Elapsed, Cpu(cpu0));
    }

    /// <summary>Prints a plain line on <paramref name="stdout"/> every <see cref="LineEvery"/> until done or cancelled.</summary>
    public Stats RunLines(TextWriter stdout, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(stdout);
        var wall = Stopwatch.StartNew();
        var cpu0 = ThreadCpu.Now();
        var busy = new Stopwatch();
        long lines = 0;
        var next = LineEvery;
        var poll = TimeSpan.FromMilliseconds(1000.0 / FramesPerSecond);
        while (!board.Current.Done && !cancel.WaitHandle.WaitOne(poll))
        {
            if (wall.Elapsed < next) continue;
            next += LineEvery;
            busy.Start();
            stdout.WriteLine(TextReport.Line(board.Current));
            stdout.Flush();
            busy.Stop();
            lines++;
        }

        return new Stats(lines, busy.Elapsed, wall.Elapsed, Cpu(cpu0));
    }

    private static TimeSpan? Cpu(TimeSpan? start) => start is { } s && ThreadCpu.Now() is { } end ? end - s : null;
}
