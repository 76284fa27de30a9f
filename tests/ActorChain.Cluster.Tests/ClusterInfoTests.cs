using ActorChain.Cluster;

namespace ActorChain.Cluster.Tests;

public sealed class ClusterInfoTests
{
    [Fact]
    public void Every_process_of_one_cluster_shares_the_system_name() => ClusterInfo.SystemName.Should().Be("actorchain");
}
