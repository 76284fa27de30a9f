namespace ActorChain.Simulation.Running;

/// <summary>
/// What a run does when the PoW chain first reaches a height (faults at <c>height H</c>): items are kept by height and
/// handed out, lowest height first and in the order they were added, once a height at least theirs is reached.
/// Single owner.
/// </summary>
public sealed class HeightSchedule<T>
{
    private readonly SortedDictionary<ulong, List<T>> _byHeight = [];

    /// <summary>Keeps <paramref name="item"/> until <paramref name="height"/> is reached.</summary>
    public void Add(ulong height, T item)
    {
        if (!_byHeight.TryGetValue(height, out var list)) _byHeight[height] = list = [];
        list.Add(item);
    }

    /// <summary>The items due at <paramref name="height"/> or below, forgotten here once taken.</summary>
    public List<T> Reached(ulong height)
    {
        var due = new List<T>();
        while (_byHeight.Count > 0)
        {
            var (lowest, items) = _byHeight.First();
            if (lowest > height) break;
            _byHeight.Remove(lowest);
            due.AddRange(items);
        }

        return due;
    }
}
