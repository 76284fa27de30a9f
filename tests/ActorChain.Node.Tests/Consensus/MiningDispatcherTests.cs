using ActorChain.Node.Consensus;
using ActorChain.Node.Time;
using Akka.Actor;
using Akka.Configuration;
using static ActorChain.Node.Tests.Consensus.ConsensusFixture;
using ActorChain.Node.Tests.Network;

namespace ActorChain.Node.Tests.Consensus;

/// <summary>In real time, real miners run on their own dispatcher (ARCHITECTURE.md, "Time").</summary>
public sealed class MiningDispatcherTests() : Akka.TestKit.Xunit2.TestKit(WireConfig.Strict(ConsensusSupervisor.MiningDispatcherHocon))
{
    [Fact]
    public void Real_miners_run_on_the_mining_dispatcher_in_real_time()
    {
        var settings = Simulated with { PowMode = Configuration.PowMode.Real };
        var node = new NodeContext(3, SchedulerClock.Of(Sys), ActorRefs.Nobody, settings, 42, new Core.Pos.Block.TransitionMemo(), null!);
        var supervisor = Sys.ActorOf(ConsensusSupervisor.Create(node, [new MinerSpec("alice", 1_000)], [], CreateTestProbe(), CreateTestProbe()));
        supervisor.Tell(new ConsensusSupervisor.GetMinerStats(TestActor));
        var miner = ExpectMsg<ConsensusSupervisor.MinerStats>(TimeSpan.FromSeconds(5)).Miners.Single();
        ((ActorRefWithCell)miner).Underlying.Props.Dispatcher.Should().Be(ConsensusSupervisor.MiningDispatcher);
    }
}
