using ActorChain.Core.Tests;
using ActorChain.Node.Faults;
using ActorChain.TestKit;

namespace ActorChain.Simulation.Tests.TestKit;

/// <summary>The TestKit's runs, faults and assertions: a failure says what was expected and what happened.</summary>
public sealed class TestKitTests
{
    private static readonly string[] HalfTheStake = ["v0", "v1", "v2", "v3", "v4", "v5", "v6", "v7"];

    private static SimNetwork FourPosNodes(string name) =>
        SimNetwork.Create(name).Nodes(4).Validators(16, 32).Seed(3).Pos().Start();

    [Fact]
    public void A_finality_deadline_missed_names_the_epoch_the_node_did_finalize()
    {
        using var net = FourPosNodes("testkit-late-finality");
        net.Offline(HalfTheStake);

        var act = () => net.RunUntilFinalized(epoch: 2, bySlot: 40, node: 2);

        act.Should().Throw<SimAssertionException>()
            .WithMessage("expected epoch 2 finalized on node 2 by slot 40; it finalized epoch 0 (since slot 3)");
        net.CurrentSlot.Should().Be(40, "the run stopped at the deadline");
    }

    [Fact]
    public void A_finality_deadline_met_stops_the_run_at_once()
    {
        using var net = FourPosNodes("testkit-finality");

        net.RunUntilFinalized(epoch: 2, bySlot: 64);

        net.FinalityOf(0)!.FinalizedEpoch.Should().Be(2);
        net.CurrentSlot.Should().BeLessThan(40);
        net.AssertFinalized(2);
    }

    [Fact]
    public void A_network_in_proof_of_work_runs_to_its_merge_before_it_waits_for_finality()
    {
        using var net = SimNetwork.Create("testkit-merge").Nodes(4).Validators(16).Miner(0, 1000).Miner(1, 1000).MergeAt(8).Start();

        net.RunUntilFinalized(epoch: 2, bySlot: 48);

        net.IsPos.Should().BeTrue();
        net.Events("merge").Should().HaveCount(4);
        net.AssertFinalized(2);
    }

    [Fact]
    public void Checkpoint_and_slashing_assertions_say_which_node_saw_what()
    {
        using var net = FourPosNodes("testkit-assertions");
        net.RunToEpoch(4, 1000);

        net.Invoking(n => n.AssertFinalized(9)).Should().Throw<SimAssertionException>()
            .WithMessage("expected epoch 9 finalized on every node at slot 33; node 0 finalized epoch 2, node 1 finalized epoch 2, node 2 finalized epoch 2, node 3 finalized epoch 2");
        net.Invoking(n => n.AssertSlashed("v3")).Should().Throw<SimAssertionException>()
            .WithMessage("expected v3 slashed on every node at slot 33; v3 not slashed on node 0, 1, 2, 3");
        net.Invoking(n => n.AssertBalance("v3", atMostGwei: 1)).Should().Throw<SimAssertionException>()
            .WithMessage("expected v3's balance on node 0 at most 0.000000001 coins at slot 33; it is 32*");
        net.Invoking(n => n.AssertEvent("validator_slashed", null, "for v3")).Should().Throw<SimAssertionException>()
            .WithMessage("expected a validator_slashed event for v3 at slot 33; saw 0 validator_slashed event(s) among * events");
        net.Invoking(n => n.AwaitCondition(() => false, TimeSpan.FromSeconds(12), "a miracle")).Should().Throw<SimAssertionException>()
            .WithMessage("expected a miracle within 12 s of virtual time; it did not hold at 57 s (slot 45)");
        net.AssertNotSlashed("v3");
        net.Invoking(n => n.AssertHeadsAgree()).Should().Throw<SimAssertionException>()
            .WithMessage("expected every node on one head at slot 45; node 0 on * (slot 45), node 1 on * (slot 44), *", "slot 45's block has not reached every node yet");
        net.RunFor(TimeSpan.FromMilliseconds(500));
        net.AssertHeadsAgree();
    }

    [Fact]
    public void Running_back_in_time_fails_saying_where_time_is()
    {
        using var net = FourPosNodes("testkit-back");
        net.RunToEpoch(2);

        net.Invoking(n => n.RunToEpoch(1)).Should().Throw<InvalidOperationException>()
            .WithMessage("cannot run back to * ms: virtual time is already at * ms (slot 16)");
    }

    [Fact]
    public void A_refused_fault_fails_with_the_node_s_reason()
    {
        using var net = FourPosNodes("testkit-refused");

        net.Invoking(n => n.DoubleVote("nobody")).Should().Throw<SimAssertionException>()
            .WithMessage("expected the network to accept double-vote nobody; it refused: *");
    }

    [Fact]
    public void A_fault_scheduled_at_a_slot_goes_in_then_and_ends_at_its_until()
    {
        using var net = FourPosNodes("testkit-inject-at");
        net.InjectAt(12, new Fault.Crash(3), untilSlot: 20);

        net.RunToSlot(12, 1);
        net.IsUp(3).Should().BeFalse();
        net.LiveNodes.Should().Equal(0, 1, 2);

        net.RunToSlot(20, 1);
        net.IsUp(3).Should().BeTrue();
    }

    [Fact]
    public void A_scenario_s_failed_expectation_is_listed_with_what_was_found()
    {
        using var net = SimNetwork.ParseScenario("""
            scenario {
              name = "wrong"
              consensus = pos
              stop { epochs = 4 }
              network { nodes = 2 }
              validators { count = 8, stake = 32 }
              expect = [ { slashed = [v1] }, { finalized-epoch-at-least = 1 } ]
            }
            """);
        net.RunScenario();

        net.CheckExpectations().Should().Equal("slashed = [v1]: slashed [], expected [v1]");
        net.Invoking(n => n.AssertExpectations()).Should().Throw<SimAssertionException>()
            .WithMessage("expected every expectation of scenario wrong to hold at slot 31; 1 of 2 did not:*slashed = [v1]: slashed [], expected [v1]");
    }

    [Theory]
    [InlineData("pos-honest")]
    [InlineData("tutorial-stakes")]
    [InlineData("double-vote")]
    [InlineData("validator-faults")]
    [InlineData("crash-restart")]
    [InlineData("partition-leak")]
    [InlineData("merge")]
    [InlineData("pow-basic")]
    [InlineData("pow-partition")]
    [InlineData("private-chain")]
    [InlineData("selfish-mining")]
    public void Every_example_scenario_meets_its_expect_list_through_the_testkit(string name)
    {
        using var net = SimNetwork.LoadScenario(Path.Combine(SharedFiles.RepoRoot, "scenarios", name + ".conf"));

        net.RunScenario();

        net.AssertExpectations();
        net.Violations.Should().BeEmpty();
    }
}
