using Akka.Actor;
using Step0.Time;

namespace Step0.Tests;

public sealed record Chain(int Left);
public sealed record Later(TimeSpan Delay, string Tag);
public sealed record Escape(string Tag);

public sealed class Probe
{
    public readonly List<string> Seen = new();
    public readonly ManualResetEventSlim Sent = new();
}

public sealed class ChainActor : ReceiveActor
{
    public ChainActor(Probe probe)
    {
        Receive<Chain>(m =>
        {
            probe.Seen.Add($"chain {m.Left}");
            if (m.Left > 0) Self.Tell(new Chain(m.Left - 1));
        });
        Receive<Later>(m => Context.System.Scheduler.ScheduleTellOnce(m.Delay, Self, m.Tag, Self));
        Receive<string>(s => probe.Seen.Add($"{s} at {(Context.System.Scheduler.Now - DateTimeOffset.Parse("2020-01-01T00:00:00Z")).TotalSeconds}"));
        // What PipeTo / an async continuation does: Tell from a thread-pool thread.
        Receive<Escape>(m =>
        {
            var self = Self;
            Task.Run(() => { self.Tell(m.Tag); probe.Sent.Set(); });
        });
    }
}

public class ConductorTests
{
    [Fact]
    public void Conductor_sees_idleness_exactly()
    {
        var system = ActorSystem.Create("idle", SimConfig.Config());
        var c = new Conductor(system);
        try
        {
            var probe = new Probe();
            Assert.True(c.IsIdle);
            var a = c.ActorOf(Props.Create(() => new ChainActor(probe)), "a");
            Assert.False(c.IsIdle);                          // Create is queued, nothing ran yet
            Assert.Equal(1, c.Queue.Count);
            c.Drain();
            Assert.True(c.IsIdle);
            Assert.Equal(1, c.Queue.ExecutorsProduced);      // the default dispatcher really uses SimExecutor

            a.Tell(new Chain(100));
            Assert.False(c.IsIdle);
            Assert.Empty(probe.Seen);                        // nothing runs behind the conductor's back
            var runs = c.Drain();
            Assert.True(c.IsIdle);
            Assert.Equal(101, probe.Seen.Count);             // idle ⇒ the whole chain is done
            // throughput = 1, yet 2 messages per mailbox run: Akka 1.5.75's Mailbox.ProcessMailbox(left) processes
            // up to throughput + 1 messages per run (it decrements after the first). Still fixed, so deterministic.
            Assert.Equal(51, runs);

            a.Tell(new Later(TimeSpan.FromSeconds(5), "late"));
            a.Tell(new Later(TimeSpan.FromSeconds(5), "late2"));   // equal due time: FIFO by sequence
            a.Tell(new Later(TimeSpan.FromSeconds(2), "early"));
            c.RunUntil(TimeSpan.FromSeconds(4));
            Assert.True(c.IsIdle);
            Assert.Equal(TimeSpan.FromSeconds(4), c.Elapsed);
            Assert.Equal(TimeSpan.FromSeconds(5), c.Scheduler.NextDue);
            Assert.Equal("early at 2", probe.Seen[^1]);
            c.RunFor(TimeSpan.FromSeconds(1));
            Assert.Equal(new[] { "early at 2", "late at 5", "late2 at 5" }, probe.Seen.Skip(101));
            Assert.Null(c.Scheduler.NextDue);
            Assert.Empty(c.Violations);
        }
        finally { Assert.True(c.Shutdown(TimeSpan.FromSeconds(10))); }
    }

    [Fact]
    public void Guard_reports_work_arriving_from_another_thread()
    {
        var system = ActorSystem.Create("guard", SimConfig.Config());
        var c = new Conductor(system);
        try
        {
            var probe = new Probe();
            var a = c.ActorOf(Props.Create(() => new ChainActor(probe)), "a");
            a.Tell(new Escape("escaped"));
            c.Drain();
            Assert.True(probe.Sent.Wait(TimeSpan.FromSeconds(5)));
            Assert.NotEmpty(c.Violations);
            Assert.StartsWith("mailbox enqueue", c.Violations[0]);
            c.Drain();
            Assert.Contains(probe.Seen, s => s.StartsWith("escaped"));
        }
        finally { Assert.True(c.Shutdown(TimeSpan.FromSeconds(10))); }
    }

    [Fact]
    public void Scheduler_clock_is_virtual_and_fixed()
    {
        var system = ActorSystem.Create("clock", SimConfig.Config("2021-06-01T12:00:00Z"));
        var c = new Conductor(system);
        try
        {
            Assert.Equal(DateTimeOffset.Parse("2021-06-01T12:00:00Z"), system.Scheduler.Now);
            Assert.Equal(TimeSpan.Zero, system.Scheduler.MonotonicClock);
            c.RunFor(TimeSpan.FromHours(1));
            Assert.Equal(DateTimeOffset.Parse("2021-06-01T13:00:00Z"), system.Scheduler.Now);
            Assert.Equal(TimeSpan.FromHours(1), system.Scheduler.MonotonicClock);
        }
        finally { Assert.True(c.Shutdown(TimeSpan.FromSeconds(10))); }
    }
}
