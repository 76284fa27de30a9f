using ActorChain.Node.Time;
using Akka.Actor;
using ActorChain.Node.Tests.Network;

namespace ActorChain.Node.Tests.Time;

/// <summary>The virtual-time config also works under Akka.TestKit.Xunit2 (the TestActor stays on the calling-thread dispatcher).</summary>
public sealed class TestKitTests() : Akka.TestKit.Xunit2.TestKit(WireConfig.Strict(SimConfig.Config()))
{
    private sealed record Fired(string Tag, DateTimeOffset SetAt);

    private sealed class Replier : ReceiveActor, IWithTimers
    {
        public Replier(IActorRef to)
        {
            Receive<string>(s => Timers.StartSingleTimer("k", new Fired(s, Context.System.Scheduler.Now), TimeSpan.FromSeconds(30)));
            Receive<Fired>(f => to.Tell($"fire:{f.Tag} set {f.SetAt:HH:mm:ss} now {Context.System.Scheduler.Now:HH:mm:ss}"));
        }

        public ITimerScheduler Timers { get; set; } = null!;
    }

    [Fact]
    public void Timers_fire_in_virtual_time_under_the_TestKit()
    {
        var c = new Conductor(Sys);
        var r = c.ActorOf(Props.Create(() => new Replier(TestActor)), "r");
        r.Tell("x");
        c.RunFor(TimeSpan.FromSeconds(29));
        HasMessages.Should().BeFalse();
        c.RunFor(TimeSpan.FromSeconds(1));
        ExpectMsg("fire:x set 00:00:00 now 00:00:30", TimeSpan.FromMilliseconds(500));
        c.Violations.Should().BeEmpty();
        c.Shutdown(TimeSpan.FromSeconds(10)).Should().BeTrue();
    }
}
