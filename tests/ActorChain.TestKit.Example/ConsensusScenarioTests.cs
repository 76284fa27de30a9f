using ActorChain.Node.Faults;
using ActorChain.TestKit;
using Xunit;

namespace MyChain.Tests;

/// <summary>Scenario tests a user would write: each builds a small network in virtual time, so each takes seconds.</summary>
public class ConsensusScenarioTests : ConsensusTestKit
{
    private static readonly string[] HalfTheStake = ["v0", "v1", "v2", "v3", "v4", "v5", "v6", "v7"];

    [Fact]
    public void An_honest_network_finalizes_two_epochs_behind_the_head()
    {
        using var net = StartNetwork(Network("honest").Nodes(4).Validators(16).Pos());

        net.RunUntilFinalized(epoch: 2, bySlot: 40);

        net.AssertJustified(3);
        net.AssertHeadsAgree();
        net.AssertNoEvent("block_rejected");
    }

    [Fact]
    public void Finality_stalls_with_half_the_stake_offline_and_resumes_when_it_returns()
    {
        using var net = StartNetwork(Network("half-offline").Nodes(4).Validators(16).Pos());
        net.Offline(HalfTheStake);

        net.RunToEpoch(6);
        net.AssertFinalizedAtMost(0);

        net.Online(HalfTheStake);
        net.RunUntilFinalized(epoch: 6, bySlot: 96);
        net.AssertHeadsAgree();
    }

    [Fact]
    public void Nodes_split_by_a_partition_agree_again_after_it_heals()
    {
        using var net = StartNetwork(Network("partition").Nodes(4).Validators(16).Pos().Latency(50, 20));
        net.RunToEpoch(2);

        net.Partition([0, 1], [2, 3]);
        net.RunToEpoch(5);
        net.AssertFinalizedAtMost(2);

        net.Heal();
        net.RunUntilFinalized(epoch: 6, bySlot: 80);
        net.AssertHeadsAgree();
    }

    [Fact]
    public void A_surround_voter_is_caught_and_its_balance_drops()
    {
        using var net = StartNetwork(Network("surround").Nodes(4).Validators(16).Pos());
        net.InjectAt(slot: 16, new Fault.SurroundVote("v9"));

        net.RunToEpoch(8);

        net.AssertEvent("validator_slashed", e => Equals(e["name"], "v9"), "naming v9");
        net.AssertSlashed("v9");
        net.AssertBalance("v9", atMostGwei: 31_000_000_000);
    }

    [Fact]
    public void A_test_probe_sees_the_slashing_as_it_happens()
    {
        using var net = StartNetwork(Network("probe").Nodes(2).Validators(8).Pos());
        var probe = CreateTestProbe();
        net.SubscribeEvents(probe);
        net.DoubleVote("v3");

        net.RunToEpoch(5);

        // The probe already holds what the network sent it: the TestKit's wall-clock wait returns at once.
        var slashed = probe.FishForMessage<ActorChain.Node.Events.NodeEvent>(e => e.Type == "validator_slashed");
        Assert.Equal("v3", slashed["name"]);
    }

    [Fact]
    public void A_scenario_file_meets_its_own_expect_list()
    {
        using var net = LoadScenario(Path.Combine(Repository.Root, "scenarios", "double-vote.conf"));

        net.RunScenario();

        net.AssertExpectations();
    }

    [Fact]
    public void A_scenario_written_inline_meets_its_expect_list()
    {
        using var net = SimNetwork.ParseScenario("""
            scenario {
              name = "offline-quarter"
              consensus = pos
              stop { epochs = 8 }
              network { nodes = 4 }
              validators { count = 16, stake = 32 }
              faults = [ { at = "epoch 2", until = "epoch 5", kind = offline, validators = [v0, v1, v2, v3] } ]
              expect = [ { finalized-epoch-at-least = 5 }, { head-agreement = true }, { not-slashed-honest = true } ]
            }
            """);

        net.RunScenario();

        net.AssertExpectations();
    }
}
