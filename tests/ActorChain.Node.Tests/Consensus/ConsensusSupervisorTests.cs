using System.Collections.Immutable;
using ActorChain.Core.Codec;
using ActorChain.Node.Chain;
using ActorChain.Node.Consensus;
using ActorChain.Node.Events;
using ActorChain.Node.Faults;
using ActorChain.Node.Time;
using ActorChain.Node.Validators;
using ActorChain.Node.Tests.Validators;
using Akka.Actor;
using Akka.TestKit;
using static ActorChain.Node.Tests.Consensus.ConsensusFixture;
using ActorChain.Node.Tests.Network;

namespace ActorChain.Node.Tests.Consensus;

/// <summary>The supervisor runs the miners, routes consensus faults, and swaps the PoW engine for the PoS engine at the merge.</summary>
public sealed class ConsensusSupervisorTests() : ActorChain.TestKit.ConsensusTestKit(WireConfig.Strict(VirtualTimeConfig()))
{
    private readonly List<NodeEvent> _events = [];
    private Conductor _time = null!;
    private TestProbe _chain = null!;

    private IActorRef Start(ImmutableArray<string> validators, params string[] miners)
    {
        _time = Time;
        _chain = CreateTestProbe("chain");
        var log = _time.ActorOf(Props.Create(() => new EventLog(_events)), "events");
        var mempool = _time.ActorOf(Props.Create(() => new EmptyMempool()), "mempool");
        var specs = miners.Select(m => new MinerSpec(m, 1_000_000)).ToImmutableArray();
        var supervisor = _time.ActorOf(ConsensusSupervisor.Create(Context(Sys, Simulated, log), specs, validators, _chain, mempool), "consensus");
        _time.Drain();
        return supervisor;
    }

    private ImmutableArray<IActorRef> Miners(IActorRef supervisor)
    {
        supervisor.Tell(new ConsensusSupervisor.GetMinerStats(TestActor));
        _time.Drain();
        return ExpectMsg<ConsensusSupervisor.MinerStats>(TimeSpan.FromSeconds(1)).Miners;
    }

    private FaultReply Inject(IActorRef supervisor, Fault fault)
    {
        supervisor.Tell(new ConsensusSupervisor.InjectFault(fault, TestActor, TestActor));
        _time.Drain();
        return ExpectMsg<FaultReply>(TimeSpan.FromSeconds(1));
    }

    private static ChainEvent.Merged Merged() => new(EightValidators.Anchor, 10, 0, EightValidators.Genesis());

    private static IActorRef Child(IActorRef parent, string name) => ((ActorRefWithCell)parent).GetSingleChild(name);

    [Fact]
    public void Runs_one_miner_per_spec_in_name_order_and_follows_the_head()
    {
        var supervisor = Start([], "bob", "alice");
        Miners(supervisor).Select(m => m.Path.Name).Should().Equal("miner-alice", "miner-bob");
        var subscribers = Enumerable.Range(0, 3).Select(_ => _chain.ExpectMsg<ChainActor.Subscribe>(TimeSpan.FromSeconds(1)).Subscriber.Path.Name);
        subscribers.Should().BeEquivalentTo("consensus", "miner-alice", "miner-bob");
    }

    [Fact]
    public void Stops_every_miner_and_waits_for_their_termination_before_the_pos_engine_starts()
    {
        var supervisor = Start([], "alice", "bob");
        var miners = Miners(supervisor);
        var watcher = CreateTestProbe("watcher");
        foreach (var m in miners) watcher.Watch(m);
        Inject(supervisor, new Fault.SelfishMining(3)).Accepted.Should().BeTrue();
        var withholder = Child(supervisor, "withholder");
        withholder.IsNobody().Should().BeFalse();
        watcher.Watch(withholder);

        supervisor.Tell(Merged());
        _time.Queue.TryRunOne().Should().BeTrue();                  // the supervisor handles Merged, and only that
        Child(supervisor, "epoch").IsNobody().Should().BeTrue("the PoW children have not terminated yet");
        watcher.HasMessages.Should().BeFalse();

        _time.Drain();
        watcher.ExpectTerminated(miners[0], TimeSpan.FromSeconds(1));
        watcher.ExpectTerminated(miners[1], TimeSpan.FromSeconds(1));
        watcher.ExpectTerminated(withholder, TimeSpan.FromSeconds(1));
        Child(supervisor, "epoch").IsNobody().Should().BeFalse("every PoW child terminated: the PoS engine runs");
        Miners(supervisor).Should().BeEmpty();
        _time.Violations.Should().BeEmpty();
    }

    [Fact]
    public void Starts_the_pos_engine_at_once_when_it_hosts_no_miner()
    {
        var supervisor = Start([]);
        supervisor.Tell(Merged());
        _time.Drain();
        Child(supervisor, "epoch").IsNobody().Should().BeFalse();
    }

    [Fact]
    public void Refuses_miner_faults_after_the_merge_and_without_miners()
    {
        var merged = Start([], "alice");
        merged.Tell(Merged());
        _time.Drain();
        var reply = Inject(merged, new Fault.SelfishMining(3));
        reply.Accepted.Should().BeFalse();
        reply.Detail.Should().Be("node 3 has merged: selfish-mining needs proof-of-work miners");

        using var other = new ConsensusSupervisorTests();
        var minerless = other.Start([]);
        var refused = other.Inject(minerless, new Fault.PrivateChain(3, null));
        refused.Detail.Should().Be("node 3 hosts no miner: private-chain needs one");
        other._time.Shutdown(TimeSpan.FromSeconds(10)).Should().BeTrue();
    }

    [Fact]
    public void Routes_a_miner_fault_to_the_withholder_and_clears_it_with_a_release()
    {
        var supervisor = Start([], "alice");
        var fault = new Fault.PrivateChain(3, null);
        Inject(supervisor, fault).Should().Be(new FaultReply(true, "private-chain on node 3, released when cleared: 1 miner(s) withhold"));
        _events.Should().Contain(e => e.Type == "withholding_started");

        supervisor.Tell(new ConsensusSupervisor.ClearFault(new Fault.SelfishMining(3), TestActor));
        _time.Drain();
        ExpectMsg<FaultReply>(TimeSpan.FromSeconds(1)).Accepted.Should().BeFalse();

        supervisor.Tell(new ConsensusSupervisor.ClearFault(fault, TestActor));
        _time.Drain();
        ExpectMsg<FaultReply>(TimeSpan.FromSeconds(1)).Accepted.Should().BeTrue();
        _events.Should().Contain(e => e.Type == "withholding_ended");
    }

    [Fact]
    public void Holds_a_validator_fault_until_proof_of_stake_starts_and_refuses_one_for_a_validator_not_hosted()
    {
        var supervisor = Start(["v1"], "alice");
        Inject(supervisor, new Fault.DoubleVote("v9")).Should().Be(new FaultReply(false, "validator v9 is not hosted on node 3"));
        Inject(supervisor, new Fault.DoubleVote("v1")).Should()
            .Be(new FaultReply(true, "double-vote v1 on node 3; it acts once proof of stake starts"));

        supervisor.Tell(new ConsensusSupervisor.GetDuties(TestActor));
        _time.Drain();
        var report = ExpectMsg<DutyReport>(TimeSpan.FromSeconds(1));
        report.Validators.Should().ContainSingle().Which.Should().Be(DutyReport.Duties.Unknown("v1", "double-vote"));

        supervisor.Tell(new ConsensusSupervisor.ClearFault(new Fault.Offline("v1"), TestActor));
        _time.Drain();
        ExpectMsg<FaultReply>(TimeSpan.FromSeconds(1)).Detail.Should().Be("validator v1 has no offline fault on node 3");
        supervisor.Tell(new ConsensusSupervisor.ClearFault(new Fault.DoubleVote("v1"), TestActor));
        _time.Drain();
        ExpectMsg<FaultReply>(TimeSpan.FromSeconds(1)).Should().Be(new FaultReply(true, "double-vote v1 cleared on node 3"));
    }

    [Fact]
    public void Stops_every_producer_at_the_end_of_a_run()
    {
        var supervisor = Start([], "alice");
        var miners = Miners(supervisor);
        Watch(miners[0]);
        supervisor.Tell(ConsensusSupervisor.StopProducing.Instance);
        _time.Drain();
        ExpectTerminated(miners[0], TimeSpan.FromSeconds(1));
        supervisor.Tell(Merged());
        _time.Drain();
        Child(supervisor, "epoch").IsNobody().Should().BeTrue("a stopped node starts no engine");
    }

    /// <inheritdoc />
    protected override void AfterAll()
    {
        _time?.Shutdown(TimeSpan.FromSeconds(10));
        base.AfterAll();
    }
}
