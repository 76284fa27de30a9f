using System.Buffers;
using System.Text.Json;

namespace ActorChain.Simulation.Outputs;

/// <summary>
/// A JSON-lines output file: one compact JSON object per line, <c>\n</c> line ends, written through one reused
/// <see cref="Utf8JsonWriter"/>. Sealed at the end of a run so that nothing the actor system does while it shuts down
/// (on the wall clock) reaches the file. Owns its stream.
/// </summary>
public sealed class JsonLinesFile : IDisposable
{
    private readonly Stream _out;
    private readonly ArrayBufferWriter<byte> _buffer = new(4096);
    private readonly Utf8JsonWriter _writer;

    /// <summary>Writes to <paramref name="out"/>, which this file owns and disposes.</summary>
    public JsonLinesFile(Stream @out)
    {
        _out = @out;
        _writer = new Utf8JsonWriter(_buffer, Json.Compact);
    }

    /// <summary>Creates (or truncates) <paramref name="path"/>.</summary>
    public static Stream Create(string path) =>
        new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read, 1 << 16);

    /// <summary>How many lines were written.</summary>
    public long Lines { get; private set; }

    /// <summary>True once <see cref="Seal"/> was called.</summary>
    public bool Sealed { get; private set; }

    /// <summary>Writes one line: <paramref name="write"/> writes its object to the writer it is given; ignored once sealed.</summary>
    public void Write<TState>(TState state, Action<Utf8JsonWriter, TState> write)
    {
        if (Sealed) return;
        _buffer.ResetWrittenCount();
        _writer.Reset(_buffer);
        write(_writer, state);
        _writer.Flush();
        _out.Write(_buffer.WrittenSpan);
        _out.WriteByte((byte)'\n');
        Lines++;
    }

    /// <summary>Pushes what is buffered to the file.</summary>
    public void Flush() => _out.Flush();

    /// <summary>Flushes and takes no more lines: the run is over (its last instant recorded).</summary>
    public void Seal()
    {
        _out.Flush();
        Sealed = true;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _writer.Dispose();
        _out.Dispose();
    }
}
