using ActorChain.Cluster.Hosting;
using ActorChain.Core;

namespace ActorChain.Cluster.Tests.Hosting;

public sealed class ClusterNodeSetupTests
{
    private static readonly long Now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

    private static ClusterNodeOptions Pos(params string[] hosted) => new()
    {
        Port = 25521, Pos = true, GenesisTime = Now,
        Stakes = [new("alice", "32"), new("bob", "32.5")],
        Validators = [.. hosted],
        SeedNodes = ["127.0.0.1:25521"],
    };

    [Fact]
    public void Flags_layer_over_the_built_in_config()
    {
        var s = ClusterNodeSetup.Resolve(Pos("bob"));
        s.NodeId.Should().Be(1);
        s.Settings.Validators.Select(v => (v.Name, v.Gwei)).Should().Equal(("alice", Units.Coins(32)), ("bob", Units.Coins(32) + (Units.Coins(1) / 2)));
        s.Settings.GenesisTimestamp.Should().Be((ulong)Now);
        s.Hosted.Should().Equal("bob");
        s.Miners.Should().BeEmpty();
        s.DataDir.Should().Be(Path.Combine("data", "node-1"));
        s.JoinTimeout.Should().Be(TimeSpan.FromSeconds(20));
        s.AkkaConfig.GetInt("akka.remote.dot-netty.tcp.port").Should().Be(25521);
        s.AkkaConfig.GetString("akka.actor.provider").Should().Be("cluster");
        s.AkkaConfig.GetString("akka.cluster.split-brain-resolver.active-strategy").Should().Be("keep-majority");
        s.Seeds.Should().ContainSingle().Which.ToString().Should().Be("akka.tcp://actorchain@127.0.0.1:25521");
    }

    [Fact]
    public void Pow_gets_the_configured_miners_and_the_merge_height()
    {
        var s = ClusterNodeSetup.Resolve(new ClusterNodeOptions { Port = 25523, MergeAt = 40 });
        s.NodeId.Should().Be(3);
        s.Miners.Select(m => m.Name).Should().Equal("miner-3-0");
        s.Settings.Consensus.MergeAtHeight.Should().Be(40UL);
        s.Seeds.Should().ContainSingle().Which.Port.Should().Be(25520);
    }

    [Theory]
    [InlineData("--pos needs a recent genesis time")]
    [InlineData("--validator carol: not a genesis validator (they are alice, bob)")]
    [InlineData("--stake alice is given twice")]
    [InlineData("--id is required with --port 0")]
    [InlineData("--seed-node must be HOST:PORT")]
    [InlineData("--merge-at is for a PoW chain that merges later")]
    [InlineData("--port must be in 0..65535, got 70000")]
    public void Bad_flags_are_one_line_naming_the_flag(string expected)
    {
        var o = expected switch
        {
            _ when expected.StartsWith("--pos", StringComparison.Ordinal) => Pos() with { GenesisTime = null },
            _ when expected.StartsWith("--validator", StringComparison.Ordinal) => Pos("carol"),
            _ when expected.StartsWith("--stake", StringComparison.Ordinal) => Pos() with { Stakes = [new("alice", "32"), new("alice", "1")] },
            _ when expected.StartsWith("--id", StringComparison.Ordinal) => Pos() with { Port = 0 },
            _ when expected.StartsWith("--seed", StringComparison.Ordinal) => Pos() with { SeedNodes = ["nowhere"] },
            _ when expected.StartsWith("--merge", StringComparison.Ordinal) => Pos() with { MergeAt = 4 },
            _ => Pos() with { Port = 70000 },
        };
        var act = () => ClusterNodeSetup.Resolve(o);
        act.Should().Throw<NodeStartException>().Which.Message.Should().StartWith(expected).And.NotContain("\n");
    }
}
