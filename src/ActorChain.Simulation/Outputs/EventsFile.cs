using System.Buffers;
using System.Text.Json;
using ActorChain.Node.Events;

namespace ActorChain.Simulation.Outputs;

/// <summary>The events.jsonl sink: one compact JSON object per event and line (<see cref="Json.WriteEvent"/>), <c>\n</c> line ends.</summary>
public sealed class EventsFile : IEventSink, IDisposable
{
    private readonly Stream _out;
    private readonly ArrayBufferWriter<byte> _buffer = new(1024);
    private readonly Utf8JsonWriter _writer;

    /// <summary>Writes to <paramref name="out"/>, which this sink owns and disposes.</summary>
    public EventsFile(Stream @out)
    {
        _out = @out;
        _writer = new Utf8JsonWriter(_buffer, Json.Compact);
    }

    /// <summary>Creates (or truncates) <paramref name="path"/>.</summary>
    public static EventsFile Open(string path) =>
        new(new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read, 1 << 16));

    /// <summary>How many lines were written.</summary>
    public long Lines { get; private set; }

    /// <inheritdoc />
    public void Accept(NodeEvent e)
    {
        if (Sealed) return;
        _buffer.ResetWrittenCount();
        _writer.Reset(_buffer);
        Json.WriteEvent(_writer, e);
        _writer.Flush();
        _out.Write(_buffer.WrittenSpan);
        _out.WriteByte((byte)'\n');
        Lines++;
    }

    /// <summary>Pushes what is buffered to the file.</summary>
    public void Flush() => _out.Flush();

    /// <summary>
    /// Flushes and takes no more lines: the run is over (its last instant recorded), and whatever the actor system still
    /// does while it shuts down (on the wall clock) must not reach the file.
    /// </summary>
    public void Seal()
    {
        _out.Flush();
        Sealed = true;
    }

    /// <summary>True once <see cref="Seal"/> was called.</summary>
    public bool Sealed { get; private set; }

    /// <inheritdoc />
    public void Dispose()
    {
        _writer.Dispose();
        _out.Dispose();
    }
}
