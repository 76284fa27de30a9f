using Akka.Configuration;
using Akka.Dispatch;

namespace ActorChain.Node.Time;

/// <summary>
/// Named in <c>akka.actor.default-dispatcher.executor</c> by assembly-qualified name. Akka's
/// <c>MessageDispatcherConfigurator.ConfigureExecutor()</c> builds it with
/// <c>Activator.CreateInstance(type, Config, IDispatcherPrerequisites)</c>, so this public ctor shape is required.
/// </summary>
public sealed class SimExecutorConfigurator : ExecutorServiceConfigurator
{
    /// <summary>Built by Akka from the dispatcher's configuration.</summary>
    public SimExecutorConfigurator(Config config, IDispatcherPrerequisites prerequisites) : base(config, prerequisites) { }

    /// <summary>An executor feeding the system's <see cref="RunQueue"/>; the scheduler must be a <see cref="VirtualTimeScheduler"/>.</summary>
    public override ExecutorService Produce(string id)
    {
        if (Prerequisites.Scheduler is not VirtualTimeScheduler vts)
            throw new ConfigurationException(
                $"{nameof(SimExecutorConfigurator)} (dispatcher {id}) needs akka.scheduler.implementation = {typeof(VirtualTimeScheduler).AssemblyQualifiedName}, " +
                $"but the system's scheduler is {Prerequisites.Scheduler?.GetType().FullName ?? "null"}");
        vts.RunQueue.NoteExecutorProduced();
        return new SimExecutor(id, vts.RunQueue);
    }
}

/// <summary>Hands every runnable mailbox to the single <see cref="RunQueue"/>; runs nothing itself.</summary>
public sealed class SimExecutor : ExecutorService
{
    private readonly RunQueue _queue;

    /// <summary>An executor named <paramref name="id"/> feeding <paramref name="queue"/>.</summary>
    public SimExecutor(string id, RunQueue queue) : base(id) => _queue = queue;

    /// <summary>A mailbox became runnable: queue it for the conductor.</summary>
    public override void Execute(IRunnable run) => _queue.Enqueue(run);

    /// <summary>Nothing to stop: the executor owns no thread.</summary>
    public override void Shutdown()
    {
    }
}
