using ActorChain.Node.Time;
using Akka.Actor;

namespace ActorChain.Node.Tests.Time;

/// <summary>Tell yourself <paramref name="Left"/> more times.</summary>
public sealed record SpikeChain(int Left);

/// <summary>Reply <paramref name="Tag"/> to yourself after <paramref name="Delay"/>.</summary>
public sealed record SpikeLater(TimeSpan Delay, string Tag);

/// <summary>Tell yourself <paramref name="Tag"/> from a thread-pool thread, as PipeTo or an async continuation would.</summary>
public sealed record SpikeEscape(string Tag);

/// <summary>What a <see cref="SpikeChainActor"/> saw.</summary>
public sealed class SpikeProbe
{
    /// <summary>Lines seen, in order.</summary>
    public List<string> Seen { get; } = [];

    /// <summary>Set once the escaped tell was sent.</summary>
    public ManualResetEventSlim Sent { get; } = new();
}

/// <summary>The Step 0 spike's chain actor: message chains, timers and an escape to another thread.</summary>
public sealed class SpikeChainActor : ReceiveActor, IWithTimers
{
    /// <summary>Writes what it sees to <paramref name="probe"/>.</summary>
    public SpikeChainActor(SpikeProbe probe)
    {
        Receive<SpikeChain>(m =>
        {
            probe.Seen.Add($"chain {m.Left}");
            if (m.Left > 0) Self.Tell(new SpikeChain(m.Left - 1));
        });
        Receive<SpikeLater>(m => Timers.StartSingleTimer(m.Tag, m.Tag, m.Delay));
        Receive<string>(s => probe.Seen.Add($"{s} at {((VirtualTimeScheduler)Context.System.Scheduler).Elapsed.TotalSeconds}"));
        Receive<SpikeEscape>(m =>
        {
            var self = Self;
            Task.Run(() =>
            {
                self.Tell(m.Tag);
                probe.Sent.Set();
            });
        });
    }

    /// <inheritdoc />
    public ITimerScheduler Timers { get; set; } = null!;
}
