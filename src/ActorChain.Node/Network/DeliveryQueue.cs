namespace ActorChain.Node.Network;

/// <summary>
/// A link's messages in flight, ordered by (due time in ms, send sequence): the order the link hands them over, so that
/// messages due at the same instant keep the order they were sent in, whatever order a scheduler fires timers in.
/// </summary>
internal sealed class DeliveryQueue
{
    private readonly PriorityQueue<object, (long Due, long Seq)> _byDue = new();
    private long _nextSeq;

    /// <summary>How many messages are in flight.</summary>
    public int Count => _byDue.Count;

    /// <summary>Adds <paramref name="message"/>, due at <paramref name="due"/>, after everything added before.</summary>
    public void Add(long due, object message) => _byDue.Enqueue(message, (due, _nextSeq++));

    /// <summary>Takes the first message if it is due at or before <paramref name="due"/>.</summary>
    public bool TryTakeDue(long due, out object message)
    {
        if (_byDue.TryPeek(out message!, out var first) && first.Due <= due)
        {
            _byDue.Dequeue();
            return true;
        }

        message = null!;
        return false;
    }
}
