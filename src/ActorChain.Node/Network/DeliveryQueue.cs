namespace ActorChain.Node.Network;

/// <summary>
/// A link's messages in flight, ordered by (due time in ms, send sequence): the order the link hands them over, so that
/// messages due at the same instant keep the order they were sent in whatever order the scheduler fires their timers.
/// </summary>
internal sealed class DeliveryQueue
{
    private readonly PriorityQueue<object, (long Due, long Seq)> _byDue = new();
    private readonly Dictionary<long, long> _dueBySeq = [];
    private long _nextSeq;

    /// <summary>How many messages are in flight.</summary>
    public int Count => _byDue.Count;

    /// <summary>Adds <paramref name="message"/>, due at <paramref name="due"/>; returns its sequence number.</summary>
    public long Add(long due, object message)
    {
        var seq = _nextSeq++;
        _byDue.Enqueue(message, (due, seq));
        _dueBySeq.Add(seq, due);
        return seq;
    }

    /// <summary>The due time of message <paramref name="seq"/>, or null when it has left already.</summary>
    public long? DueOf(long seq) => _dueBySeq.TryGetValue(seq, out var due) ? due : null;

    /// <summary>Takes the first message if it sorts at or before (<paramref name="due"/>, <paramref name="seq"/>).</summary>
    public bool TryTakeFirst(long due, long seq, out long firstSeq, out object message)
    {
        firstSeq = -1;
        message = null!;
        if (!_byDue.TryPeek(out var head, out var first) || first.CompareTo((due, seq)) > 0) return false;
        _byDue.Dequeue();
        _dueBySeq.Remove(first.Seq);
        firstSeq = first.Seq;
        message = head;
        return true;
    }
}
