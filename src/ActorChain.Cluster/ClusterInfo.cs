namespace ActorChain.Cluster;

/// <summary>What this assembly is: the cluster member process's wiring, found by tests through this type.</summary>
public static class ClusterInfo
{
    /// <summary>The actor system name every process of one cluster shares.</summary>
    public const string SystemName = "actorchain";
}
