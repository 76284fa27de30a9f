using System.Collections.Immutable;
using ActorChain.Core.Codec;
using ActorChain.Core.Pos.Model;
using ActorChain.Node.Configuration;
using ActorChain.Node.Network;
using ActorChain.Node.Time;
using Akka.Actor;
using static ActorChain.Node.Tests.Network.LinkFixture;

namespace ActorChain.Node.Tests.Network;

/// <summary>A link delays, jitters, drops, partitions and dedupes as configured, measured in virtual time (Java PeerLinkActorTest).</summary>
public sealed class PeerLinkActorTests() : ActorChain.TestKit.ConsensusTestKit(WireConfig.Strict(VirtualTimeConfig()))
{
    private readonly List<Arrival> _arrivals = [];
    private Conductor _time = null!;
    private IActorRef _link = ActorRefs.Nobody;

    private void Start(LinkSettings settings)
    {
        _time = Time;
        var peer = _time.ActorOf(Props.Create(() => new ArrivalRecorder(_arrivals, SchedulerClock.Of(Sys))), "peer");
        _link = _time.ActorOf(PeerLinkActor.Create(Context(Sys, settings), 1, peer), "link");
        _time.Drain();
    }

    private void Send(int n, int from = 0)
    {
        for (var i = from; i < from + n; i++)
            _link.Tell(new PeerLinkActor.Send(Vote(i), Id(i)));
        _time.Drain();
    }

    private PeerLinkActor.Stats Stats()
    {
        _link.Tell(new PeerLinkActor.GetStats(TestActor));
        _time.Drain();
        return ExpectMsg<PeerLinkActor.Stats>(TimeSpan.FromSeconds(1));
    }

    private static int Slot(Wire w) => (int)((Wire.AttestationGossip)w).Attestation.Data.Slot;

    [Fact]
    public void Delivers_after_exactly_the_configured_latency()
    {
        Start(new LinkSettings(100, 0, 0.0));
        var timersBefore = _time.Scheduler.PendingTimers;
        Send(3);
        _time.Scheduler.PendingTimers.Should().Be(timersBefore + 1, "one timer per due time, not per message");
        _time.RunUntil(TimeSpan.FromMilliseconds(99));
        _arrivals.Should().BeEmpty();
        _time.RunUntil(TimeSpan.FromMilliseconds(100));
        _arrivals.Should().HaveCount(3).And.AllSatisfy(a =>
        {
            a.At.Should().Be(100);
            a.From.Should().Be(7);
        });
        _arrivals.Select(a => Slot(a.Payload)).Should().Equal(0, 1, 2);
        _time.Violations.Should().BeEmpty();
    }

    [Fact]
    public void Spreads_deliveries_uniformly_within_the_jitter_and_keeps_order_at_equal_times()
    {
        Start(new LinkSettings(100, 50, 0.0));
        Send(400);
        _time.RunUntil(TimeSpan.FromSeconds(1));
        _arrivals.Should().HaveCount(400);
        var times = _arrivals.Select(a => a.At).ToList();
        times.Should().AllSatisfy(t => t.Should().BeInRange(50, 150));
        times.Count(t => t < 100).Should().BeInRange(150, 250);
        times.Distinct().Count().Should().BeGreaterThan(50);
        times.Should().BeInAscendingOrder();
        foreach (var group in _arrivals.GroupBy(a => a.At))
            group.Select(a => Slot(a.Payload)).Should().BeInAscendingOrder("messages due at one instant leave in send order");
    }

    [Fact]
    public void Draws_the_same_delays_in_every_run()
    {
        Start(new LinkSettings(100, 50, 0.2));
        Send(100);
        _time.RunUntil(TimeSpan.FromSeconds(1));
        var first = _arrivals.Select(a => (a.At, Slot(a.Payload))).ToList();

        using var again = new PeerLinkActorTests();
        again.Start(new LinkSettings(100, 50, 0.2));
        again.Send(100);
        again._time.RunUntil(TimeSpan.FromSeconds(1));
        again._arrivals.Select(a => (a.At, Slot(a.Payload))).Should().Equal(first);
        again._time.Shutdown(TimeSpan.FromSeconds(10)).Should().BeTrue();
    }

    [Fact]
    public void Drops_about_the_configured_share_of_messages()
    {
        Start(new LinkSettings(10, 0, 0.3));
        Send(1000);
        _time.RunUntil(TimeSpan.FromSeconds(1));
        var stats = Stats();
        _arrivals.Count.Should().BeInRange(640, 760);
        stats.Dropped.Should().Be(1000 - _arrivals.Count);
        stats.Sent.Should().Be(_arrivals.Count);
    }

    [Fact]
    public void Drops_everything_while_partitioned_and_carries_again_after_the_heal()
    {
        Start(new LinkSettings(10, 0, 0.0));
        _link.Tell(new PeerLinkActor.ApplyFault(new LinkFault.Partition()));
        Send(5);
        _time.RunUntil(TimeSpan.FromSeconds(1));
        _arrivals.Should().BeEmpty();
        Stats().Partitioned.Should().BeTrue();

        _link.Tell(new PeerLinkActor.ApplyFault(new LinkFault.Heal()));
        Send(5);
        _time.RunUntil(TimeSpan.FromSeconds(2));
        _arrivals.Should().HaveCount(5).And.AllSatisfy(a => a.At.Should().Be(1_010));
        Stats().Partitioned.Should().BeFalse();
    }

    [Fact]
    public void Clearing_a_fault_goes_back_to_the_configured_settings_of_that_kind_only()
    {
        var configured = new LinkSettings(10, 0, 0.0);
        Start(configured);
        _link.Tell(new PeerLinkActor.ApplyFault(new LinkFault.Latency(500, 100)));
        _link.Tell(new PeerLinkActor.ApplyFault(new LinkFault.Loss(0.5)));
        _link.Tell(new PeerLinkActor.ApplyFault(new LinkFault.Partition()));
        _link.Tell(new PeerLinkActor.ApplyFault(new LinkFault.Clear("latency")));
        Stats().Should().Be(new PeerLinkActor.Stats(1, 0, 0, 0, true, configured with { Loss = 0.5 }));
        _link.Tell(new PeerLinkActor.ApplyFault(new LinkFault.Clear("partition")));
        Stats().Partitioned.Should().BeFalse();
        _link.Tell(new PeerLinkActor.ApplyFault(new LinkFault.Clear("loss")));
        Stats().Settings.Should().Be(configured);
    }

    [Fact]
    public void Carries_the_same_gossip_only_once()
    {
        Start(new LinkSettings(0, 0, 0.0));
        Send(3);
        Send(3);
        _time.RunUntil(TimeSpan.FromMilliseconds(100));
        _arrivals.Should().HaveCount(3);
        Stats().Deduped.Should().Be(3);
    }

    [Fact]
    public void Carries_a_message_without_an_id_every_time()
    {
        Start(new LinkSettings(0, 0, 0.0));
        _link.Tell(new PeerLinkActor.Send(new Wire.BlocksRequest(Hash32.Zero, 4), Hash32.Zero));
        _link.Tell(new PeerLinkActor.Send(new Wire.BlocksRequest(Hash32.Zero, 4), Hash32.Zero));
        _time.Drain();
        _arrivals.Should().HaveCount(2);
    }

    [Fact]
    public void Carries_the_votes_of_one_instant_as_one_message_deduped_vote_by_vote_and_split_at_the_batch_limit()
    {
        Start(new LinkSettings(100, 0, 0.0));
        _link.Tell(new PeerLinkActor.SendVotes([.. Enumerable.Range(0, 5).Select(VoteSend)]));
        _link.Tell(new PeerLinkActor.SendVotes([VoteSend(3), VoteSend(5)])); // 3 was carried already
        _link.Tell(new PeerLinkActor.SendVotes([.. Enumerable.Range(100, PeerLinkActor.MaxBatch + 1).Select(VoteSend)]));
        _time.RunUntil(TimeSpan.FromSeconds(1));

        _arrivals.Should().HaveCount(4).And.AllSatisfy(a => a.At.Should().Be(100));
        ((Wire.AttestationBatch)_arrivals[0].Payload).Attestations.Select(a => a.Data.Slot).Should().Equal(0UL, 1UL, 2UL, 3UL, 4UL);
        Slot(_arrivals[1].Payload).Should().Be(5, "a lone vote travels as itself");
        ((Wire.AttestationBatch)_arrivals[2].Payload).Attestations.Should().HaveCount(PeerLinkActor.MaxBatch);
        _arrivals[3].Payload.Should().BeOfType<Wire.AttestationGossip>();
        var stats = Stats();
        stats.Sent.Should().Be(5 + 1 + PeerLinkActor.MaxBatch + 1);
        stats.Deduped.Should().Be(1);
    }

    [Fact]
    public void Gives_the_votes_of_one_instant_one_latency_draw()
    {
        Start(new LinkSettings(100, 50, 0.0));
        _link.Tell(new PeerLinkActor.SendVotes([.. Enumerable.Range(0, 2 * PeerLinkActor.MaxBatch + 7).Select(VoteSend)]));
        _time.RunUntil(TimeSpan.FromSeconds(1));
        _arrivals.Should().HaveCount(3);
        _arrivals.Select(a => a.At).Distinct().Should().ContainSingle();
    }

    [Fact]
    public void Loses_votes_of_a_batch_one_by_one()
    {
        Start(new LinkSettings(10, 0, 0.5));
        _link.Tell(new PeerLinkActor.SendVotes([.. Enumerable.Range(0, 200).Select(VoteSend)]));
        _time.RunUntil(TimeSpan.FromSeconds(1));
        var carried = _arrivals.Sum(a => a.Payload is Wire.AttestationBatch b ? b.Attestations.Length : 1);
        carried.Should().BeInRange(60, 140);
        Stats().Dropped.Should().Be(200 - carried);
    }

    [Fact]
    public void Refuses_a_non_vote_in_a_vote_batch()
    {
        var act = () => new PeerLinkActor.SendVotes([new PeerLinkActor.Send(new Wire.BlocksRequest(Hash32.Zero, 1), Hash32.Zero)]);
        act.Should().Throw<ArgumentException>().WithMessage("not a vote*");
    }

    [Fact]
    public void Applies_a_runtime_latency_fault()
    {
        Start(new LinkSettings(10, 0, 0.0));
        _link.Tell(new PeerLinkActor.ApplyFault(new LinkFault.Latency(2_000, 0)));
        Send(1);
        _time.RunUntil(TimeSpan.FromSeconds(5));
        _arrivals.Should().ContainSingle().Which.At.Should().Be(2_000);
    }

    [Fact]
    public void Keeps_send_order_when_a_shorter_latency_makes_messages_due_together()
    {
        Start(new LinkSettings(100, 0, 0.0));
        Send(1, from: 0);                                               // due at 100
        _time.RunUntil(TimeSpan.FromMilliseconds(50));
        _link.Tell(new PeerLinkActor.ApplyFault(new LinkFault.Latency(50, 0)));
        Send(1, from: 1);                                               // due at 100 as well, sent later
        _time.RunUntil(TimeSpan.FromMilliseconds(100));
        _link.Tell(new PeerLinkActor.ApplyFault(new LinkFault.Latency(0, 0)));
        _time.RunUntil(TimeSpan.FromMilliseconds(200));
        _arrivals.Select(a => (a.At, Slot(a.Payload))).Should().Equal((100L, 0), (100L, 1));
    }

    [Fact]
    public void Delivers_FromPeer_to_the_peer_guardian_a_TestKit_probe()
    {
        _time = Time;
        var guardian = CreateTestProbe();
        var link = _time.ActorOf(PeerLinkActor.Create(Context(Sys, new LinkSettings(30, 0, 0.0)), 1, guardian), "link");
        link.Tell(new PeerLinkActor.Send(Vote(9), Id(9)));
        _time.RunUntil(TimeSpan.FromMilliseconds(29));
        guardian.HasMessages.Should().BeFalse();
        _time.RunUntil(TimeSpan.FromMilliseconds(30));
        var got = guardian.ExpectMsg<NodeGuardian.FromPeer>(TimeSpan.FromSeconds(1));
        got.FromNode.Should().Be(7);
        Slot(got.Payload).Should().Be(9);
    }

    /// <inheritdoc />
    protected override void AfterAll()
    {
        _time?.Shutdown(TimeSpan.FromSeconds(10));
        base.AfterAll();
    }
}
