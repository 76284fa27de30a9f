using ActorChain.Node.Configuration;
using ActorChain.Node.Consensus;
using ActorChain.Simulation.Live;
using ActorChain.Simulation.Scenarios;

namespace ActorChain.Simulation.Tests.Live;

/// <summary>
/// A scenario played live in real time (<c>run SCENARIO.conf</c>): the network starts, its faults are injected and
/// cleared at their real times, and the run reports done at the scenario's stop. Bounded to a few seconds; it waits
/// on the board's snapshots, never sleeps, and asserts nothing about speed.
/// </summary>
public sealed class LiveRunTests
{
    private const string Scenario = """
        scenario {
          name = live, seed = 4, consensus = pos
          stop { seconds = 3 }
          network { nodes = 2 }
          validators { count = 4, stake = 32 }
          faults = [ { at = "second 1", kind = offline, validator = v1, until = "second 2" } ]
        }
        """;

    [Fact]
    public void Runs_on_akkas_default_scheduler_with_the_mining_dispatcher_configured()
    {
        using var log = LiveLog.Open("INFO", file: null, view: false);
        var config = LiveRun.SystemConfig(log);

        config.HasPath(ConsensusSupervisor.MiningDispatcher).Should().BeTrue("real miners run there, away from the node's actors");
        config.HasPath("akka.scheduler.implementation").Should().BeFalse("real time: Akka's default scheduler, not the virtual one");
        config.GetString("akka.loglevel").Should().Be("INFO");
    }

    [Fact]
    public void Plays_a_scenario_live_with_its_faults_at_their_times_until_its_stop()
    {
        var plan = LivePlan.FromScenario(ScenarioParser.Parse(Scenario, "live.conf"), ChainSettings.Defaults, stopAfter: null);
        using var log = LiveLog.Open("WARNING", file: null, view: false);
        using var run = LiveRun.Start(plan, log);

        // Wait for the stop and for what is asserted below to be seen (on a loaded machine a reply can come a tick
        // late); the budget bounds a stuck run and is no speed assertion.
        var budget = Environment.TickCount64 + 60_000;
        var s = run.Board.Current;
        while (!(s.Done && s.Validators is not null && s.Events.Any(e => e.Type == "fault_cleared")) && Environment.TickCount64 < budget)
            s = run.Board.WaitForNewer(run.Board.Version, TimeSpan.FromSeconds(1));
        var last = run.Stop();

        s.Done.Should().BeTrue("the scenario stops after 3 seconds");
        last.ElapsedMillis.Should().BeGreaterThanOrEqualTo(3_000);
        last.InPos.Should().BeTrue("consensus = pos starts proof of stake at once");
        last.Nodes.Select(n => n.Node).Should().Equal(0, 1);
        last.Events.Select(e => e.Text).Should().ContainInOrder(
            "proof of stake starts from the genesis block with 4 validators",
            "fault offline injected: at=second 1, validator=v1, until=second 2",
            "fault offline cleared: at=second 1, validator=v1, until=second 2");
        (last.Validators ?? s.Validators)!.Rows.Select(r => (r.Name, r.Node)).Should().Equal(("v0", 0), ("v1", 1), ("v2", 0), ("v3", 1));
        run.Plan.Settings.GenesisTimestamp.Should().BeGreaterThan(0, "genesis is the start time");
    }
}
