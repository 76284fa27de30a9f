using ActorChain.Node.Configuration;
using ActorChain.Node.Faults;
using ActorChain.TestKit;

namespace ActorChain.Simulation.Tests.Faults;

/// <summary>
/// Miner faults in virtual time (ARCHITECTURE.md, "Faults", miner faults): a node's miners withhold the blocks they
/// find, and publish them as the fault's policy says.
/// </summary>
public sealed class PowFaultsTests
{
    private const int Attacker = 0;

    private static SimNetwork.Builder AttackerWithMajority(string name) =>
        SimNetwork.Create(name).Nodes(3).Miner(Attacker, 6000).Miner(1, 1000).Miner(2, 1000).Seed(7);

    [Fact]
    public void Reorgs_the_honest_nodes_deeply_when_a_majority_releases_its_private_chain()
    {
        using var net = AttackerWithMajority("private-chain").Start();
        net.RunUntil(() => net.HeadOf(1).Height >= 5, TimeSpan.FromMinutes(2));
        var from = net.HeadOf(Attacker).Height;
        var releaseAt = from + 12;
        net.Inject(new Fault.PrivateChain(Attacker, new Fault.ReleaseAt(Fault.ReleaseUnit.Height, releaseAt))).Accepted.Should().BeTrue();

        net.RunUntil(() => !net.Events("blocks_released").IsEmpty, TimeSpan.FromMinutes(5))
            .Should().BeTrue($"released once its own head reached height {releaseAt}");
        var release = net.Events("blocks_released")[0];
        var honestBefore = net.HeadOf(1).Height;
        honestBefore.Should().BeLessThan(releaseAt, "the honest nodes never saw the private chain");
        release.Long("toHeight").Should().Be((long)releaseAt);
        net.StopProducing();
        net.RunUntil(net.AllOnOneHead, TimeSpan.FromMinutes(1));

        net.AllOnOneHead().Should().BeTrue();
        net.HeadOf(1).Height.Should().BeGreaterThanOrEqualTo(releaseAt, "everyone is on the attacker's longer chain");
        for (var honest = 1; honest <= 2; honest++)
        {
            var node = honest;
            var reorgs = net.Events("reorg").Where(e => e.Node == node && e.T >= release.T).ToList();
            reorgs.Should().NotBeEmpty($"node {node} reorged at the release");
            reorgs.Select(e => e.Long("depth")).Should().Contain(depth => depth > 1, $"node {node} dropped several blocks");
        }
        var withheld = net.Events("block_withheld");
        withheld.Should().HaveCountGreaterThan(5, "the private chain, all of it released")
            .And.HaveCount((int)release.Long("count"))
            .And.AllSatisfy(e => e.Node.Should().Be(Attacker));
    }

    [Fact]
    public void Publishes_what_is_withheld_when_the_private_chain_fault_is_cleared()
    {
        using var net = AttackerWithMajority("private-chain-cleared").Start();
        net.RunUntil(() => net.HeadOf(1).Height >= 3, TimeSpan.FromMinutes(2));
        var fault = new Fault.PrivateChain(Attacker, null);
        net.Inject(fault).Accepted.Should().BeTrue();
        net.RunFor(TimeSpan.FromSeconds(10));
        var withheld = net.Events("block_withheld").Length;
        withheld.Should().BePositive();
        net.Events("blocks_released").Should().BeEmpty();

        net.Clear(fault).Accepted.Should().BeTrue();
        net.RunFor(TimeSpan.FromSeconds(2));
        net.Events("blocks_released").Should().ContainSingle().Which.Long("count").Should().Be(withheld);
        net.Clear(fault).Accepted.Should().BeFalse("cleared already");
        var minedAfter = net.Events("pow_block_mined").Length;
        net.RunFor(TimeSpan.FromSeconds(10));
        net.Events("block_withheld").Should().HaveCount(withheld, "mining honestly again");
        net.Events("pow_block_mined").Length.Should().BeGreaterThan(minedAfter);
    }
}
