using ActorChain.Node.Configuration;
using ActorChain.Node.Faults;
using ActorChain.TestKit;

namespace ActorChain.Simulation.Tests.Pos;

/// <summary>
/// Three double-voters holding 20% of the stake, made by the <c>double-vote</c> fault swapped into their
/// ValidatorActors at epoch 3: every node sees all three slashed, no honest validator is, and finality goes on.
/// </summary>
public sealed class DoubleVotersTests
{
    private const int ValidatorCount = 15; // 3 of 15 equal stakes: 20%
    private static readonly string[] DoubleVoters = ["v1", "v6", "v11"];

    [Fact]
    public void Slashes_all_three_double_voters_on_every_node_and_keeps_finalizing()
    {
        using var net = SimNetwork.Create("three-double-voters").Nodes(4).Validators(ValidatorCount, 32)
            .Seed(7).Pos().Start();
        net.RunToEpoch(3, 0);
        var finalizedBefore = net.LastTransition(0).Finalized.Epoch;
        foreach (var v in DoubleVoters)
            net.Inject(new Fault.DoubleVote(v)).Accepted.Should().BeTrue($"inject {v}");
        net.RunToEpoch(5, 1);

        for (var node = 0; node < 4; node++)
        {
            var slashed = net.Events("validator_slashed").Where(e => e.Node == node).Select(e => e.Text("name")).ToHashSet();
            slashed.Should().BeEquivalentTo(DoubleVoters, $"node {node} saw the three double-voters slashed within two epochs, and nobody else");
        }
        net.Events("evidence_found").Select(e => e.Text("kind")).Should().OnlyContain(k => k == "double-vote");

        net.RunToEpoch(9, 1);
        for (var node = 0; node < 4; node++)
        {
            var t = net.LastTransition(node);
            t.Finalized.Epoch.Should().BeGreaterThanOrEqualTo(Math.Max(finalizedBefore + 3, t.Epoch - 3),
                $"node {node} keeps finalizing with 80% of the stake honest");
            t.InLeak.Should().BeFalse();
        }
    }
}
