using System.Text;
using ActorChain.Core.Codec;
using ActorChain.Core.Crypto;
using ActorChain.Node.Time;
using ActorChain.Node.Validators;
using Akka.Actor;
using Akka.TestKit.Xunit2;
using ActorChain.Node.Tests.Network;

namespace ActorChain.Node.Tests.Validators;

/// <summary>
/// The signing desk signs what validators ask, exactly as each key alone would, and answers in request order: in real
/// time as soon as it can, in virtual time at the end of the instant without any virtual time passing.
/// </summary>
public sealed class SigningDeskTests() : Akka.TestKit.Xunit2.TestKit(WireConfig.Strict())
{
    private static SigningKey Key(int i) => Keys.FromName("desk", "v" + (i % 7));

    private static Hash32 Root(int i) => Sha256.Hash([(byte)i, (byte)(i >> 8)]);

    private static SigningDesk.Sign Sign(int i, IActorRef to) => new(Key(i), Domain.Attester, Root(i), to, i);

    [Fact]
    public void Answers_every_request_in_order_with_the_keys_own_signature()
    {
        var desk = SigningDesk.For(Sys);
        SigningDesk.For(Sys).Should().Be(desk, "one desk per actor system");
        const int n = 100; // several parts: signed on more than one thread where there are cores
        for (var i = 0; i < n; i++)
            desk.Tell(Sign(i, TestActor));
        for (var i = 0; i < n; i++)
        {
            var s = ExpectMsg<SigningDesk.Signed>();
            s.Tag.Should().Be(i);
            s.Signature.Should().Be(Key(i).Sign(Domain.Attester, Root(i)));
        }
    }

    [Fact]
    public void Signs_in_parallel_exactly_what_each_key_signs_alone()
    {
        var requests = Enumerable.Range(0, 77).Select(i => new SigningKey.Request(Key(i), Domain.Attester, Root(i))).ToList();
        SigningDesk.SignInParallel(requests, cores: 4).Should().Equal(SigningKey.SignAll(requests));
    }

    [Fact]
    public void Answers_in_virtual_time_at_the_end_of_the_instant_without_time_passing()
    {
        var system = ActorSystem.Create("signing-desk-virtual", SimConfig.Config());
        var conductor = new Conductor(system);
        try
        {
            var answers = new List<(int Request, long At)>();
            var clock = SchedulerClock.Of(system);
            var sink = conductor.ActorOf(Props.Create(() => new Sink(answers, clock)), "sink");
            conductor.RunUntil(TimeSpan.FromMilliseconds(500));
            var desk = SigningDesk.For(system);
            for (var i = 0; i < 20; i++)
                desk.Tell(Sign(i, sink));
            conductor.Drain();
            answers.Should().BeEmpty("the batch waits for the instant's other work");
            conductor.RunUntil(TimeSpan.FromMilliseconds(500));
            answers.Should().Equal(Enumerable.Range(0, 20).Select(i => (i, 500L)));
            conductor.Violations.Should().BeEmpty();
        }
        finally
        {
            conductor.Shutdown(TimeSpan.FromSeconds(10));
        }
    }

    private sealed class Sink : ReceiveActor
    {
        public Sink(List<(int, long)> answers, IClock clock) =>
            Receive<SigningDesk.Signed>(s => answers.Add(((int)s.Tag, clock.NowMillis)));
    }
}
