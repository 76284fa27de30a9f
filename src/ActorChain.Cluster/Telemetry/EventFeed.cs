using System.Runtime.CompilerServices;
using System.Threading.Channels;
using ActorChain.Cluster.Hosting;
using ActorChain.Node.Events;
using ActorChain.Simulation.Outputs;

namespace ActorChain.Cluster.Telemetry;

/// <summary>
/// The thread-safe side of a node's <see cref="EventHub"/>, which the HTTP API reads: a ring of the latest event lines
/// (events.jsonl format) and the live subscribers. <see cref="Append"/> (the hub's thread) and <see cref="Subscribe"/>
/// (any thread) share one short lock, so a subscriber gets the ring as it was, then every later line, with no gap and no
/// duplicate at the seam. Each subscriber has a bounded channel; one that falls <see cref="SubscriberBuffer"/> lines
/// behind is dropped (its stream ends with a <c>subscriber_dropped</c> line) and never slows the hub down.
/// </summary>
public sealed class EventFeed : IEventFeed
{
    /// <summary>The lines kept by default: the API promises at least 1,000.</summary>
    public const int DefaultCapacity = 4096;

    /// <summary>The live lines a subscriber may fall behind by default before it is dropped.</summary>
    public const int DefaultSubscriberBuffer = 4096;

    private readonly Lock _lock = new();
    private readonly string[] _ring;
    private readonly List<Subscriber> _subscribers = [];
    private int _start;
    private int _count;
    private long _appended;
    private long _lastT;
    private long _dropped;

    /// <summary>A feed of node <paramref name="nodeId"/> keeping <paramref name="capacity"/> lines, each subscriber allowed <paramref name="subscriberBuffer"/> behind.</summary>
    public EventFeed(int nodeId, int capacity = DefaultCapacity, int subscriberBuffer = DefaultSubscriberBuffer)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(subscriberBuffer, 1);
        NodeId = nodeId;
        _ring = new string[capacity];
        SubscriberBuffer = subscriberBuffer;
    }

    /// <summary>The node whose events these are.</summary>
    public int NodeId { get; }

    /// <summary>How many lines the ring keeps.</summary>
    public int Capacity => _ring.Length;

    /// <summary>How many live lines a subscriber may fall behind before it is dropped.</summary>
    public int SubscriberBuffer { get; }

    /// <summary>Lines appended since the start.</summary>
    public long Appended
    {
        get
        {
            lock (_lock) return _appended;
        }
    }

    /// <summary>Live subscribers now.</summary>
    public int Subscribers
    {
        get
        {
            lock (_lock) return _subscribers.Count;
        }
    }

    /// <summary>Subscribers dropped for being too slow, since the start.</summary>
    public long Dropped
    {
        get
        {
            lock (_lock) return _dropped;
        }
    }

    /// <summary>Formats <paramref name="e"/> as its events.jsonl line, keeps it and hands it to every subscriber; returns the line.</summary>
    public string Append(NodeEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        var line = Json.EventLine(e);
        Append(line, e.T);
        return line;
    }

    /// <summary>Keeps <paramref name="line"/> (an event of time <paramref name="t"/>) and hands it to every subscriber. Never blocks on one.</summary>
    public void Append(string line, long t)
    {
        lock (_lock)
        {
            if (_count < _ring.Length)
            {
                _ring[(_start + _count++) % _ring.Length] = line;
            }
            else
            {
                _ring[_start] = line;
                _start = (_start + 1) % _ring.Length;
            }

            _appended++;
            _lastT = t;
            for (var i = _subscribers.Count - 1; i >= 0; i--)
            {
                var s = _subscribers[i];
                if (s.Channel.Writer.TryWrite(line)) continue;
                s.TooSlow = true;
                s.Channel.Writer.TryComplete();
                _subscribers.RemoveAt(i);
                _dropped++;
            }
        }
    }

    /// <summary>The lines kept now, oldest first.</summary>
    public IReadOnlyList<string> Recent()
    {
        lock (_lock) return Snapshot();
    }

    /// <summary>The kept lines, then each new one, until <paramref name="ct"/> is cancelled (the stream then ends, no exception) or the subscriber is dropped for being too slow.</summary>
    public async IAsyncEnumerable<string> Subscribe([EnumeratorCancellation] CancellationToken ct)
    {
        var me = new Subscriber(Channel.CreateBounded<string>(new BoundedChannelOptions(SubscriberBuffer)
        {
            SingleReader = true,
            SingleWriter = false,
            FullMode = BoundedChannelFullMode.Wait, // TryWrite says false when full: the hub drops the subscriber
        }));
        string[] replay;
        lock (_lock)
        {
            replay = Snapshot();
            _subscribers.Add(me);
        }

        try
        {
            foreach (var line in replay)
            {
                if (ct.IsCancellationRequested) yield break;
                yield return line;
            }

            while (await WaitToRead(me.Channel.Reader, ct).ConfigureAwait(false))
            {
                while (me.Channel.Reader.TryRead(out var line))
                    yield return line;
            }

            if (me.TooSlow && !ct.IsCancellationRequested)
                yield return DroppedLine();
        }
        finally
        {
            lock (_lock) _subscribers.Remove(me);
        }
    }

    /// <summary>True once a line is there, false when the channel is done or <paramref name="ct"/> cancelled (the stream just ends).</summary>
    private static async ValueTask<bool> WaitToRead(ChannelReader<string> reader, CancellationToken ct)
    {
        try
        {
            return await reader.WaitToReadAsync(ct).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            return false;
        }
    }

    /// <summary>The last line of a dropped subscriber's stream.</summary>
    private string DroppedLine()
    {
        long t;
        lock (_lock) t = _lastT;
        return Json.EventLine(NodeEvent.Of(t, NodeId, "subscriber_dropped", "reason",
            $"too slow: more than {SubscriberBuffer} events behind; subscribe again to resume from the latest {Capacity}"));
    }

    private string[] Snapshot()
    {
        var copy = new string[_count];
        for (var i = 0; i < _count; i++)
            copy[i] = _ring[(_start + i) % _ring.Length];
        return copy;
    }

    private sealed class Subscriber(Channel<string> channel)
    {
        public Channel<string> Channel { get; } = channel;

        /// <summary>Set by the hub, under the lock, before it completes the channel; read once the channel is done.</summary>
        public bool TooSlow { get; set; }
    }
}
