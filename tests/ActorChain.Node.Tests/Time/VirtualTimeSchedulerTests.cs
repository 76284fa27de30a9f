using ActorChain.Node.Time;
using Akka.Actor;
using Akka.Configuration;
using Akka.Event;

namespace ActorChain.Node.Tests.Time;

/// <summary>The scheduler on its own, driven from the test thread (Java VirtualSchedulerTest).</summary>
public sealed class VirtualTimeSchedulerTests : IDisposable
{
    private readonly VirtualTimeScheduler _scheduler = new(ConfigurationFactory.Empty, NoLogger.Instance);
    private readonly List<string> _ran = [];

    private IAdvancedScheduler Advanced => ((IScheduler)_scheduler).Advanced;

    private long NowMillis => (long)_scheduler.Elapsed.TotalMilliseconds;

    /// <summary>Fires everything due up to <paramref name="millis"/>, then sets the clock there.</summary>
    private void AdvanceTo(long millis)
    {
        var horizon = TimeSpan.FromMilliseconds(millis).Ticks;
        while (_scheduler.FireNext(horizon))
        {
        }

        _scheduler.AdvanceClockTo(horizon);
    }

    private Action Record(string label) => () => _ran.Add($"{label}@{NowMillis}");

    private ICancelable Once(long delayMillis, string label)
    {
        var c = new Cancelable((IScheduler)_scheduler);
        Advanced.ScheduleOnce(TimeSpan.FromMilliseconds(delayMillis), Record(label), c);
        return c;
    }

    [Fact]
    public void Starts_at_zero_with_nothing_due()
    {
        _scheduler.Elapsed.Should().Be(TimeSpan.Zero);
        _scheduler.NextDue.Should().BeNull();
        _scheduler.PendingTimers.Should().Be(0);
        ((IScheduler)_scheduler).Now.Should().Be(DateTimeOffset.UnixEpoch);
    }

    [Fact]
    public void Runs_tasks_in_due_order_with_ties_first_in_first_out()
    {
        Once(300, "a");
        Once(100, "b");
        Once(200, "c");
        Once(100, "d");
        Once(300, "e");
        AdvanceTo(1_000);
        _ran.Should().Equal("b@100", "d@100", "c@200", "a@300", "e@300");
        NowMillis.Should().Be(1_000);
    }

    [Fact]
    public void Runs_only_tasks_due_at_or_before_the_target()
    {
        Once(100, "early");
        Once(101, "late");
        AdvanceTo(100);
        _ran.Should().Equal("early@100");
        _scheduler.NextDue.Should().Be(TimeSpan.FromMilliseconds(101));
    }

    [Fact]
    public void Measures_delays_from_the_time_of_scheduling()
    {
        AdvanceTo(500);
        Once(100, "x");
        _scheduler.NextDue.Should().Be(TimeSpan.FromMilliseconds(600));
    }

    [Fact]
    public void Keeps_sub_millisecond_delays_exact_in_ticks()
    {
        Advanced.ScheduleOnce(TimeSpan.FromMicroseconds(1_500), Record("x"));
        _scheduler.NextDue.Should().Be(TimeSpan.FromMicroseconds(1_500));
    }

    [Fact]
    public void Runs_tasks_scheduled_by_tasks_when_they_fall_inside_the_advance()
    {
        Advanced.ScheduleOnce(TimeSpan.FromMilliseconds(10), () =>
        {
            _ran.Add($"first@{NowMillis}");
            Once(5, "second");
        });
        AdvanceTo(20);
        _ran.Should().Equal("first@10", "second@15");
    }

    [Fact]
    public void Repeats_at_a_fixed_rate()
    {
        Advanced.ScheduleRepeatedly(TimeSpan.FromMilliseconds(5), TimeSpan.FromMilliseconds(10), Record("tick"));
        AdvanceTo(40);
        _ran.Should().Equal("tick@5", "tick@15", "tick@25", "tick@35");
    }

    [Fact]
    public void Rejects_non_positive_repeat_intervals()
    {
        var act = () => Advanced.ScheduleRepeatedly(TimeSpan.FromMilliseconds(1), TimeSpan.Zero, Record("x"));
        act.Should().Throw<ArgumentException>();
    }

    [Fact]
    public void Does_not_run_a_cancelled_task()
    {
        var cancelled = Once(10, "cancelled");
        Once(20, "kept");
        cancelled.Cancel();
        AdvanceTo(100);
        _ran.Should().Equal("kept@20");
        cancelled.IsCancellationRequested.Should().BeTrue();
    }

    [Fact]
    public void Stops_a_repeating_task_when_cancelled()
    {
        var ticking = new Cancelable((IScheduler)_scheduler);
        Advanced.ScheduleRepeatedly(TimeSpan.FromMilliseconds(10), TimeSpan.FromMilliseconds(10), Record("tick"), ticking);
        AdvanceTo(35);
        ticking.Cancel();
        AdvanceTo(100);
        _ran.Should().Equal("tick@10", "tick@20", "tick@30");
        _scheduler.NextDue.Should().BeNull();
    }

    [Fact]
    public void Skips_cancelled_tasks_when_reporting_the_next_due_time_and_the_pending_count()
    {
        var first = Once(10, "first");
        Once(30, "second");
        first.Cancel();
        _scheduler.NextDue.Should().Be(TimeSpan.FromMilliseconds(30));
        _scheduler.PendingTimers.Should().Be(1);
    }

    [Fact]
    public void Keeps_the_order_when_most_tasks_are_cancelled_and_the_queue_is_compacted()
    {
        var tasks = Enumerable.Range(0, 10_000).Select(i => Once(1_000 + i, "t" + i)).ToList();
        foreach (var t in tasks.Take(9_000)) t.Cancel();
        Once(20_000, "last");                                     // an add after the cancels may compact
        _scheduler.PendingTimers.Should().Be(1_001);
        AdvanceTo(20_000);
        _ran.Should().HaveCount(1_001);
        _ran[0].Should().Be("t9000@10000");
        _ran.Should().EndWith("last@20000");
    }

    [Fact]
    public void Carries_on_when_a_task_throws()
    {
        Advanced.ScheduleOnce(TimeSpan.FromMilliseconds(10), () => throw new InvalidOperationException("boom"));
        Once(20, "after");
        AdvanceTo(30);
        _ran.Should().Equal("after@20");
        NowMillis.Should().Be(30);
        _scheduler.TimersFailed.Should().Be(1);
    }

    [Fact]
    public void Stops_repeating_a_task_that_throws()
    {
        var runs = 0;
        Advanced.ScheduleRepeatedly(TimeSpan.FromMilliseconds(10), TimeSpan.FromMilliseconds(10), () =>
        {
            runs++;
            throw new InvalidOperationException("boom");
        });
        AdvanceTo(100);
        runs.Should().Be(1);
        _scheduler.NextDue.Should().BeNull();
    }

    [Fact]
    public void Never_moves_the_clock_backwards()
    {
        AdvanceTo(50);
        _scheduler.AdvanceClockTo(TimeSpan.FromMilliseconds(49).Ticks);
        NowMillis.Should().Be(50);
    }

    [Fact]
    public void Forgets_every_timer_when_disposed()
    {
        Once(10, "ordinary");
        _scheduler.Dispose();
        _scheduler.NextDue.Should().BeNull();
        AdvanceTo(100);
        _ran.Should().BeEmpty();
    }

    /// <inheritdoc />
    public void Dispose() => _scheduler.Dispose();
}
