using System.Collections.Immutable;
using ActorChain.Node.Events;

namespace ActorChain.Simulation.Outputs;

/// <summary>A sink that keeps the last <c>capacity</c> events (for views); <see cref="Snapshot"/> may be read from any thread.</summary>
public sealed class RecentEvents : IEventSink
{
    private readonly int _capacity;
    private readonly Queue<NodeEvent> _events = new();
    private readonly Lock _gate = new();

    /// <summary>Keeps the last <paramref name="capacity"/> events (at least 1).</summary>
    public RecentEvents(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _capacity = capacity;
    }

    /// <inheritdoc />
    public void Accept(NodeEvent e)
    {
        lock (_gate)
        {
            if (_events.Count == _capacity) _events.Dequeue();
            _events.Enqueue(e);
        }
    }

    /// <summary>The kept events, oldest first.</summary>
    public ImmutableArray<NodeEvent> Snapshot()
    {
        lock (_gate) return [.. _events];
    }
}
