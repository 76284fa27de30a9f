using Akka.Actor;
using Step0.Time;

namespace Step0.Tests;

/// <summary>The virtual-time config also works under Akka.TestKit.Xunit2 (TestActor stays on the calling-thread dispatcher).</summary>
public class TestKitTests() : Akka.TestKit.Xunit2.TestKit(SimConfig.Config())
{
    sealed record Fired(string Tag, DateTimeOffset SetAt);

    sealed class Replier : ReceiveActor, IWithTimers
    {
        public ITimerScheduler Timers { get; set; } = null!;
        public Replier(IActorRef to)
        {
            Receive<string>(s => Timers.StartSingleTimer("k", new Fired(s, Context.System.Scheduler.Now), TimeSpan.FromSeconds(30)));
            Receive<Fired>(f => to.Tell($"fire:{f.Tag} set {f.SetAt:HH:mm:ss} now {Context.System.Scheduler.Now:HH:mm:ss}"));
        }
    }

    [Fact]
    public void Timers_fire_in_virtual_time_under_TestKit()
    {
        var c = new Conductor(Sys);
        var r = c.ActorOf(Props.Create(() => new Replier(TestActor)), "r");
        r.Tell("x");
        c.RunFor(TimeSpan.FromSeconds(29));
        ExpectNoMsg(TimeSpan.FromMilliseconds(50));
        c.RunFor(TimeSpan.FromSeconds(1));
        ExpectMsg("fire:x set 00:00:00 now 00:00:30", TimeSpan.FromMilliseconds(500));
        Assert.Empty(c.Violations);
        Assert.True(c.Shutdown(TimeSpan.FromSeconds(10)));
    }
}
