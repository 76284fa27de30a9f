namespace ActorChain.Simulation.Live;

/// <summary>
/// Where the run's monitor publishes each new <see cref="LiveSnapshot"/> and the render loop reads the latest: one
/// reference swapped atomically, so the reader never sees half a snapshot and never blocks the actors.
/// </summary>
public sealed class LiveBoard(LiveSnapshot first)
{
    private readonly object _gate = new();
    private LiveSnapshot _current = first;
    private long _version;

    /// <summary>The latest snapshot.</summary>
    public LiveSnapshot Current => Volatile.Read(ref _current);

    /// <summary>How many snapshots have been published.</summary>
    public long Version => Interlocked.Read(ref _version);

    /// <summary>Replaces the snapshot (the monitor, a few times a second).</summary>
    public void Publish(LiveSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        lock (_gate)
        {
            Volatile.Write(ref _current, snapshot);
            Interlocked.Increment(ref _version);
            Monitor.PulseAll(_gate);
        }
    }

    /// <summary>Waits until a snapshot newer than <paramref name="version"/> is out, at most <paramref name="timeout"/>; returns the latest either way.</summary>
    public LiveSnapshot WaitForNewer(long version, TimeSpan timeout)
    {
        lock (_gate)
        {
            var deadline = Environment.TickCount64 + (long)timeout.TotalMilliseconds;
            while (Interlocked.Read(ref _version) <= version)
            {
                var left = deadline - Environment.TickCount64;
                if (left <= 0 || !Monitor.Wait(_gate, TimeSpan.FromMilliseconds(left))) break;
            }

            return _current;
        }
    }
}
