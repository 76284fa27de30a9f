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

    /// <summary>Frames after which the loop counts as warm: the first ones pay for compiling the drawing code.</summary>
    public const int WarmAfter = 8;

    /// <summary>
    /// Frames drawn (or lines printed), time spent building and drawing them, the wall time and the loop thread's CPU
    /// time (null where the platform does not tell), over the whole loop and from frame <see cref="WarmAfter"/> on.
    /// </summary>
    public sealed record Stats(long Frames, TimeSpan Busy, TimeSpan Wall, TimeSpan? Cpu, TimeSpan WarmWall, TimeSpan? WarmCpu)
    {
        /// <summary>One line for the summary: how much of one core the loop used.</summary>
        public string Describe()
        {
            var inv = CultureInfo.InvariantCulture;
            if (Cpu is not { } cpu)
                return string.Create(inv, $"view: {Frames} frames in {Wall.TotalSeconds:0.0} s, {Busy.TotalMilliseconds:0} ms drawing = {Share(Busy, Wall):0.00}% of one core");
            var warm = WarmCpu is { } w ? string.Create(inv, $", {Share(w, WarmWall):0.00}% after the first {WarmAfter} frames") : "";
            return string.Create(inv,
                $"view: {Frames} frames in {Wall.TotalSeconds:0.0} s; render loop CPU {cpu.TotalMilliseconds:0} ms = {Share(cpu, Wall):0.00}% of one core{warm}");
        }

        private static double Share(TimeSpan used, TimeSpan wall) => 100 * used.TotalSeconds / Math.Max(0.001, wall.TotalSeconds);
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
        TimeSpan? warmCpu0 = null;
        var warmWall0 = TimeSpan.Zero;
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
                    if (++frames == WarmAfter)
                    {
                        warmCpu0 = ThreadCpu.Now();
                        warmWall0 = wall.Elapsed;
                    }

                    if (s.Done || cancel.WaitHandle.WaitOne(every)) break;
                }
            });
        return new Stats(frames, busy.Elapsed, wall.Elapsed, Cpu(cpu0), wall.Elapsed - warmWall0, Cpu(warmCpu0));
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

        return new Stats(lines, busy.Elapsed, wall.Elapsed, Cpu(cpu0), wall.Elapsed, Cpu(cpu0));
    }

    private static TimeSpan? Cpu(TimeSpan? start) => start is { } s && ThreadCpu.Now() is { } end ? end - s : null;
}
