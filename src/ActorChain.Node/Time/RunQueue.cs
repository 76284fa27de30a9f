using System.Collections.Concurrent;
using Akka.Dispatch;

namespace ActorChain.Node.Time;

/// <summary>
/// The one queue of runnable mailboxes of an actor system's virtual-time dispatcher.
/// Every mailbox that becomes runnable is handed to <see cref="SimExecutor.Execute"/>, which puts it here;
/// a mailbox is never in the queue twice (Akka's SetAsScheduled guarantees that), so an empty queue
/// observed by the conductor thread between two runnables means every actor of that dispatcher is idle.
/// </summary>
public sealed class RunQueue
{
    // The conductor's own enqueues (all of them in a sound run) take a plain queue: no interlocked operation and no
    // wake-up signal on the hot path. Anything from another thread (a violation, or the system actors of the
    // shutdown pump) goes to the concurrent queue and signals the waiting pump.
    private readonly Queue<IRunnable> _local = new();
    private readonly ConcurrentQueue<IRunnable> _foreign = new();
    private readonly SemaphoreSlim _signal = new(0, int.MaxValue);
    private readonly List<string> _violations = new();
    private int _ownerThread = -1;          // managed thread id of the conductor, -1 = not attached
    private volatile bool _armed;
    private long _executorsProduced, _enqueued, _ran;

    /// <summary>How many mailboxes are runnable now.</summary>
    public int Count => _local.Count + _foreign.Count;

    /// <summary>True when no mailbox is runnable.</summary>
    public bool IsEmpty => _local.Count == 0 && _foreign.IsEmpty;

    /// <summary>How many <see cref="SimExecutor"/>s feed this queue (one per dispatcher bound to it).</summary>
    public long ExecutorsProduced => Interlocked.Read(ref _executorsProduced);

    /// <summary>How many runnables were enqueued so far.</summary>
    public long Enqueued => Interlocked.Read(ref _enqueued);

    /// <summary>How many runnables were run so far.</summary>
    public long Ran => Interlocked.Read(ref _ran);

    /// <summary>The managed thread id of the conductor, or -1 before one attached.</summary>
    public int OwnerThread => Volatile.Read(ref _ownerThread);

    /// <summary>True while work from another thread is recorded as a violation.</summary>
    public bool Armed => _armed;

    /// <summary>What arrived from another thread while armed (at most 100, each with its stack trace).</summary>
    public IReadOnlyList<string> Violations
    {
        get
        {
            lock (_violations) return _violations.ToArray();
        }
    }

    /// <summary>Counts one more executor feeding this queue.</summary>
    internal void NoteExecutorProduced() => Interlocked.Increment(ref _executorsProduced);

    /// <summary>Binds the queue to the calling thread (the conductor) and arms the cross-thread guard.</summary>
    internal void Attach()
    {
        var me = Environment.CurrentManagedThreadId;
        var prev = Interlocked.CompareExchange(ref _ownerThread, me, -1);
        if (prev != -1 && prev != me)
            throw new InvalidOperationException($"RunQueue already attached to thread {prev}");
        _armed = true;
    }

    /// <summary>Stops recording violations (the shutdown pump, where system actors run on the thread pool).</summary>
    internal void Disarm() => _armed = false;

    /// <summary>Records work arriving from a thread other than the conductor's while the guard is armed.</summary>
    internal void CheckThread(string what)
    {
        if (!_armed) return;
        var me = Environment.CurrentManagedThreadId;
        if (me == Volatile.Read(ref _ownerThread)) return;
        RecordViolation(what, me);
    }

    private void RecordViolation(string what, int me)
    {
        lock (_violations)
        {
            if (_violations.Count < 100)
                _violations.Add($"{what} from thread {me} (conductor is {_ownerThread}){Environment.NewLine}{Environment.StackTrace}");
        }
    }

    /// <summary>Adds a runnable mailbox (from <see cref="SimExecutor.Execute"/>).</summary>
    internal void Enqueue(IRunnable run)
    {
        var me = Environment.CurrentManagedThreadId;
        if (me == _ownerThread)
        {
            _enqueued++;
            _local.Enqueue(run);
            return;
        }

        if (_armed) RecordViolation($"mailbox enqueue ({run.GetType().Name})", me);
        Interlocked.Increment(ref _enqueued);
        _foreign.Enqueue(run);
        _signal.Release();
    }

    /// <summary>Runs one runnable on the calling thread; false if the queue was empty.</summary>
    internal bool TryRunOne()
    {
        if (!_local.TryDequeue(out var run))
        {
            if (!_foreign.TryDequeue(out run)) return false;
            _signal.Wait(0);        // keep the semaphore roughly in step; only used for waiting at shutdown
        }

        _ran++;
        run.Run();
        return true;
    }

    /// <summary>Waits (wall clock) until something is enqueued; used only by the shutdown pump.</summary>
    internal bool WaitForWork(TimeSpan timeout) => !IsEmpty || _signal.Wait(timeout);
}
