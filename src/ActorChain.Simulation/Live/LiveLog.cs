using System.Collections.Concurrent;
using System.Globalization;
using Akka.Actor;
using Akka.Event;

namespace ActorChain.Simulation.Live;

/// <summary>
/// Where Akka's log of a live run goes: a file (<c>--log-file</c>), stderr (no live view), or, while the live view owns
/// the terminal, a short buffer printed once the view has ended. Actors never write to the console themselves.
/// </summary>
public sealed class LiveLog : IDisposable
{
    /// <summary>Lines kept while the view owns the terminal; older ones are counted, not kept.</summary>
    public const int Kept = 50;

    private readonly TextWriter? _file;
    private readonly ConcurrentQueue<string> _held = new();
    private long _dropped;
    private volatile bool _hold;

    private LiveLog(TextWriter? file, bool hold)
    {
        _file = file;
        _hold = hold;
    }

    /// <summary>The Akka level name (<c>DEBUG</c>, <c>INFO</c>, <c>WARNING</c>, <c>ERROR</c>, <c>OFF</c>).</summary>
    public string Level { get; private init; } = "WARNING";

    /// <summary>The log of one run: to <paramref name="file"/> when given (appended), else held while <paramref name="view"/>, else stderr.</summary>
    public static LiveLog Open(string level, string? file, bool view)
    {
        TextWriter? writer = null;
        if (file is not null)
        {
            var stream = new StreamWriter(new FileStream(file, FileMode.Append, FileAccess.Write, FileShare.Read)) { AutoFlush = true };
            writer = TextWriter.Synchronized(stream);
        }

        return new LiveLog(writer, writer is null && view) { Level = level };
    }

    /// <summary>Takes one line from Akka's logger actor.</summary>
    public void Write(string line)
    {
        if (_file is not null) _file.WriteLine(line);
        else if (!_hold) Console.Error.WriteLine(line);
        else
        {
            _held.Enqueue(line);
            while (_held.Count > Kept && _held.TryDequeue(out _)) Interlocked.Increment(ref _dropped);
        }
    }

    /// <summary>The view has ended: prints what was held on <paramref name="stderr"/> and writes straight there from now on.</summary>
    public void Release(TextWriter stderr)
    {
        ArgumentNullException.ThrowIfNull(stderr);
        _hold = false;
        var dropped = Interlocked.Exchange(ref _dropped, 0);
        if (dropped > 0) stderr.WriteLine($"({dropped} earlier log lines not kept; pass --log-file FILE to keep them all)");
        while (_held.TryDequeue(out var line)) stderr.WriteLine(line);
    }

    /// <inheritdoc />
    public void Dispose() => _file?.Dispose();

    /// <summary>The logger actor: formats each event as one line for the run's <see cref="LiveLog"/>.</summary>
    public sealed class Logger : ReceiveActor
    {
        /// <summary>The log the run is writing to; set before the actor system starts.</summary>
        internal static LiveLog? Current { get; set; }

        /// <summary>A logger writing to <see cref="Current"/>.</summary>
        public Logger()
        {
            Receive<InitializeLogger>(_ => Sender.Tell(new LoggerInitialized()));
            Receive<LogEvent>(e => Current?.Write(string.Create(CultureInfo.InvariantCulture,
                $"{e.Timestamp:HH:mm:ss.fff} [{e.LogLevel().ToString().Replace("Level", "", StringComparison.Ordinal).ToUpperInvariant()}] {e.LogSource}: {e.Message}{(e.Cause is null ? "" : " (" + e.Cause.Message + ")")}")));
        }
    }
}
