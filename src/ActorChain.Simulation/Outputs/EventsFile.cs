using ActorChain.Node.Events;

namespace ActorChain.Simulation.Outputs;

/// <summary>The events.jsonl sink: one compact JSON object per event and line (<see cref="Json.WriteEvent"/>), <c>\n</c> line ends.</summary>
public sealed class EventsFile(Stream @out) : IEventSink, IDisposable
{
    private readonly JsonLinesFile _file = new(@out);

    /// <summary>Creates (or truncates) <paramref name="path"/>.</summary>
    public static EventsFile Open(string path) => new(JsonLinesFile.Create(path));

    /// <summary>How many lines were written.</summary>
    public long Lines => _file.Lines;

    /// <summary>True once <see cref="Seal"/> was called.</summary>
    public bool Sealed => _file.Sealed;

    /// <inheritdoc />
    public void Accept(NodeEvent e) => _file.Write(e, Json.WriteEvent);

    /// <summary>Pushes what is buffered to the file.</summary>
    public void Flush() => _file.Flush();

    /// <summary>Flushes and takes no more lines (<see cref="JsonLinesFile.Seal"/>).</summary>
    public void Seal() => _file.Seal();

    /// <inheritdoc />
    public void Dispose() => _file.Dispose();
}
