using ActorChain.Node.Time;
using Akka.Actor;
using Akka.Configuration;

namespace ActorChain.Node.Tests.Time;

/// <summary>
/// Actors on virtual time under the conductor: idleness, timers, run bounds and guards (the Step 0 spike's
/// ConductorTests and Java's VirtualTimeRunTest, VirtualTimeTimersTest and VirtualTimeLoopTest).
/// </summary>
public sealed class ConductorTests : IDisposable
{
    private readonly List<TraceEvent> _trace = [];
    private readonly List<Conductor> _conductors = [];

    private Conductor Start(string name = "time")
    {
        var c = new Conductor(ActorSystem.Create(name, SimConfig.Config()));
        _conductors.Add(c);
        return c;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var c in _conductors) c.Shutdown(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public void Sees_idleness_exactly()
    {
        var c = Start();
        var probe = new SpikeProbe();
        c.IsIdle.Should().BeTrue();
        var a = c.ActorOf(Props.Create(() => new SpikeChainActor(probe)), "a");
        c.IsIdle.Should().BeFalse("Create is queued, nothing ran yet");
        c.Queue.Count.Should().Be(1);
        c.Drain();
        c.IsIdle.Should().BeTrue();
        c.Queue.ExecutorsProduced.Should().Be(1, "the default dispatcher really uses the SimExecutor");

        a.Tell(new SpikeChain(100));
        c.IsIdle.Should().BeFalse();
        probe.Seen.Should().BeEmpty("nothing runs behind the conductor's back");
        var runs = c.Drain();
        c.IsIdle.Should().BeTrue();
        probe.Seen.Should().HaveCount(101, "idle means the whole chain is done");
        // throughput = 1, yet 2 messages per mailbox run: Akka 1.5.75's Mailbox.ProcessMailbox(left) processes up
        // to throughput + 1 messages per run. Still fixed, so deterministic.
        runs.Should().Be(51);
        c.Violations.Should().BeEmpty();
    }

    [Fact]
    public void Boots_with_the_clock_at_zero_and_nothing_due()
    {
        var c = Start();
        c.ActorOf(Props.Create(() => new Recorder("idle", _trace)), "idle");
        c.Drain();
        c.Elapsed.Should().Be(TimeSpan.Zero);
        c.Scheduler.NextDue.Should().BeNull();
        c.Now.Should().Be(DateTimeOffset.UnixEpoch);
    }

    [Fact]
    public void Fires_timers_in_virtual_time_order_with_ties_first_in_first_out()
    {
        var c = Start();
        var timers = new[] { ("a", 300), ("b", 100), ("c", 200), ("d", 100), ("e", 300) };
        c.ActorOf(Props.Create(() => new Recorder("timers", _trace, timers)), "timers");
        c.RunUntil(TimeSpan.FromSeconds(1));
        _trace.Should().Equal(new TraceEvent(100, "timers", "b"), new TraceEvent(100, "timers", "d"),
            new TraceEvent(200, "timers", "c"), new TraceEvent(300, "timers", "a"), new TraceEvent(300, "timers", "e"));
        c.Elapsed.Should().Be(TimeSpan.FromSeconds(1));
    }

    [Fact]
    public void Runs_an_hour_of_chained_timers()
    {
        var c = Start();
        var links = new int[1];
        c.ActorOf(Props.Create(() => new TimerChain(links, TimeSpan.FromMilliseconds(100), _trace)), "chain");
        c.RunUntil(TimeSpan.FromHours(1));
        links[0].Should().Be(36_000);
        _trace[0].At.Should().Be(100);
        _trace[^1].At.Should().Be(3_600_000);
        _trace.Select(t => t.At).Should().BeInAscendingOrder().And.OnlyHaveUniqueItems();
        c.Elapsed.Should().Be(TimeSpan.FromHours(1));
    }

    [Fact]
    public void Does_not_deliver_cancelled_timers()
    {
        var c = Start();
        var timers = new[] { ("x", 100), ("y", 200) };
        var r = c.ActorOf(Props.Create(() => new Recorder("timers", _trace, timers)), "timers");
        c.Drain();
        r.Tell("cancel-x");
        c.RunFor(TimeSpan.FromMilliseconds(300));
        _trace.Should().Equal(new TraceEvent(200, "timers", "y"));
    }

    [Fact]
    public void Cancels_scheduler_tasks()
    {
        var c = Start();
        IScheduler scheduler = c.Scheduler;
        var ticks = 0;
        var once = scheduler.Advanced.ScheduleOnceCancelable(TimeSpan.FromMilliseconds(50), () => ticks++);
        var repeating = scheduler.Advanced.ScheduleRepeatedlyCancelable(TimeSpan.FromMilliseconds(10), TimeSpan.FromMilliseconds(10), () => ticks++);
        once.Cancel();
        c.RunUntil(TimeSpan.FromMilliseconds(35));
        repeating.Cancel();
        c.RunUntil(TimeSpan.FromSeconds(1));
        ticks.Should().Be(3);
    }

    [Fact]
    public void Keeps_running_when_a_scheduled_task_throws()
    {
        var c = Start();
        var ticks = new int[1];
        c.ActorOf(Props.Create(() => new Ticker(ticks)), "ticker");
        ((IScheduler)c.Scheduler).Advanced.ScheduleOnce(TimeSpan.FromMilliseconds(25), () => throw new InvalidOperationException("boom"));
        c.RunUntil(TimeSpan.FromMilliseconds(100));
        ticks[0].Should().Be(10);
    }

    [Fact]
    public void Does_not_advance_time_while_actors_are_busy()
    {
        var c = Start();
        c.ActorOf(Props.Create(() => new PingPong(10_000, _trace)), "ping");
        c.RunUntil(TimeSpan.FromSeconds(1));
        var balls = _trace.Where(e => e.Message.StartsWith("ball", StringComparison.Ordinal)).ToList();
        balls.Should().HaveCount(10_000).And.AllSatisfy(e => e.At.Should().Be(100));
        _trace[^1].Should().Be(new TraceEvent(101, "ping", "late-timer"), "the timer due 1 ms after the serve fired once the rally was over");
    }

    [Fact]
    public void Digests_messages_on_drain_without_advancing_time()
    {
        var c = Start();
        var timers = new[] { ("later", 1_000) };
        var sink = c.ActorOf(Props.Create(() => new Recorder("sink", _trace, timers)), "sink");
        for (var i = 0; i < 1_000; i++) sink.Tell("m" + i);
        c.Drain();
        _trace.Should().HaveCount(1_000).And.AllSatisfy(e => e.At.Should().Be(0));
        _trace[999].Message.Should().Be("m999");
        c.Elapsed.Should().Be(TimeSpan.Zero);
        c.Scheduler.NextDue.Should().Be(TimeSpan.FromSeconds(1));
    }

    [Fact]
    public void Fires_timers_due_now_only_when_asked_to_run()
    {
        var c = Start();
        var ticks = 0;
        ((IScheduler)c.Scheduler).Advanced.ScheduleOnce(TimeSpan.Zero, () => ticks++);
        c.Drain();
        ticks.Should().Be(0, "draining never fires a timer");
        c.RunFor(TimeSpan.Zero);
        ticks.Should().Be(1);
        c.Elapsed.Should().Be(TimeSpan.Zero);
    }

    [Fact]
    public void Refuses_to_move_time_backwards()
    {
        var c = Start();
        c.RunUntil(TimeSpan.FromMilliseconds(100));
        var back = () => c.RunUntil(TimeSpan.FromMilliseconds(50));
        back.Should().Throw<ArgumentOutOfRangeException>();
        c.Elapsed.Should().Be(TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public void Lets_actors_reschedule_while_time_is_advanced_from_the_caller()
    {
        var c = Start();
        var links = new int[1];
        c.ActorOf(Props.Create(() => new TimerChain(links, TimeSpan.FromMilliseconds(10), _trace)), "chain");
        c.RunFor(TimeSpan.FromMilliseconds(55));
        _trace.Select(t => t.At).Should().Equal(10L, 20L, 30L, 40L, 50L);
        c.Elapsed.Should().Be(TimeSpan.FromMilliseconds(55));
        c.RunUntil(TimeSpan.FromMilliseconds(100));
        links[0].Should().Be(10);
    }

    [Fact]
    public void Runs_timers_due_exactly_at_the_end_time()
    {
        var c = Start();
        var ticks = new int[1];
        c.ActorOf(Props.Create(() => new Ticker(ticks)), "ticker");
        c.RunUntil(TimeSpan.FromMilliseconds(99));
        ticks[0].Should().Be(9);
        c.RunUntil(TimeSpan.FromMilliseconds(100));
        ticks[0].Should().Be(10);
    }

    [Fact]
    public void Stops_at_the_end_time_and_then_at_the_stop_condition()
    {
        var c = Start();
        var ticks = new int[1];
        c.ActorOf(Props.Create(() => new Ticker(ticks)), "ticker");
        c.RunUntil(TimeSpan.FromSeconds(1), () => false).Should().BeFalse();
        ticks[0].Should().Be(100);
        c.Elapsed.Should().Be(TimeSpan.FromSeconds(1));

        c.RunUntil(TimeSpan.MaxValue, () => ticks[0] >= 150).Should().BeTrue();
        ticks[0].Should().Be(150);
        c.Elapsed.Should().Be(TimeSpan.FromMilliseconds(1_500));
    }

    [Fact]
    public void Refuses_an_actor_driving_time_from_inside_a_run()
    {
        var c = Start();
        Exception? caught = null;
        ((IScheduler)c.Scheduler).Advanced.ScheduleOnce(TimeSpan.FromMilliseconds(1), () =>
        {
            try
            {
                c.Drain();
            }
            catch (InvalidOperationException e)
            {
                caught = e;
            }
        });
        c.RunFor(TimeSpan.FromMilliseconds(10));
        caught.Should().NotBeNull();
    }

    [Fact]
    public void Refuses_to_be_driven_from_another_thread()
    {
        var c = Start();
        Exception? caught = null;
        var other = new Thread(() =>
        {
            try
            {
                c.Drain();
            }
            catch (InvalidOperationException e)
            {
                caught = e;
            }
        });
        other.Start();
        other.Join();
        caught.Should().NotBeNull();
    }

    [Fact]
    public async Task Runs_two_systems_independently_at_the_same_time()
    {
        (TimeSpan Elapsed, int Ticks) Run(string name, TimeSpan until)
        {
            var c = new Conductor(ActorSystem.Create(name, SimConfig.Config()));
            var ticks = new int[1];
            c.ActorOf(Props.Create(() => new Ticker(ticks)), "ticker");
            c.RunUntil(until);
            var result = (c.Elapsed, ticks[0]);
            c.Shutdown(TimeSpan.FromSeconds(10)).Should().BeTrue();
            return result;
        }

        var a = Task.Run(() => Run("a", TimeSpan.FromSeconds(5)));
        var b = Task.Run(() => Run("b", TimeSpan.FromSeconds(2)));
        (await a).Should().Be((TimeSpan.FromSeconds(5), 500));
        (await b).Should().Be((TimeSpan.FromSeconds(2), 200));
    }

    [Fact]
    public void Refuses_to_run_after_the_system_terminated()
    {
        var system = ActorSystem.Create("terminated", SimConfig.Config());
        var c = new Conductor(system);
        c.Shutdown(TimeSpan.FromSeconds(10)).Should().BeTrue();
        var act = () => c.RunFor(TimeSpan.FromMilliseconds(100));
        act.Should().Throw<InvalidOperationException>();
    }

    [Fact]
    public void Refuses_a_system_on_real_time_and_one_whose_dispatcher_is_not_on_the_run_queue()
    {
        using var real = ActorSystem.Create("real");
        var onReal = () => new Conductor(real);
        onReal.Should().Throw<InvalidOperationException>().WithMessage("*akka.scheduler.implementation*");

        var half = ConfigurationFactory.ParseString(
            $"akka.scheduler.implementation = \"{typeof(VirtualTimeScheduler).AssemblyQualifiedName}\"\n" +
            "akka.loggers-dispatcher = \"akka.actor.internal-dispatcher\"");
        using var halfVirtual = ActorSystem.Create("half", half);
        var onHalf = () => new Conductor(halfVirtual);
        onHalf.Should().Throw<InvalidOperationException>().WithMessage("*akka.actor.default-dispatcher.executor*");
    }

    [Fact]
    public void Keeps_a_fixed_virtual_clock_from_the_configured_epoch()
    {
        var system = ActorSystem.Create("clock", SimConfig.Config("2021-06-01T12:00:00Z"));
        var c = new Conductor(system);
        _conductors.Add(c);
        system.Scheduler.Now.Should().Be(DateTimeOffset.Parse("2021-06-01T12:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        system.Scheduler.MonotonicClock.Should().Be(TimeSpan.Zero);
        c.RunFor(TimeSpan.FromHours(1));
        system.Scheduler.Now.Should().Be(DateTimeOffset.Parse("2021-06-01T13:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        system.Scheduler.MonotonicClock.Should().Be(TimeSpan.FromHours(1));
        SchedulerClock.Of(system).NowMillis.Should().Be(DateTimeOffset.Parse("2021-06-01T13:00:00Z", System.Globalization.CultureInfo.InvariantCulture).ToUnixTimeMilliseconds());
    }

    [Fact]
    public void Reports_work_arriving_from_another_thread()
    {
        var c = Start();
        var probe = new SpikeProbe();
        var a = c.ActorOf(Props.Create(() => new SpikeChainActor(probe)), "a");
        a.Tell(new SpikeEscape("escaped"));
        c.Drain();
        probe.Sent.Wait(TimeSpan.FromSeconds(5)).Should().BeTrue();
        c.Violations.Should().NotBeEmpty();
        c.Violations[0].Should().StartWith("mailbox enqueue");
        c.Drain();
        probe.Seen.Should().Contain(s => s.StartsWith("escaped", StringComparison.Ordinal));
    }
}
