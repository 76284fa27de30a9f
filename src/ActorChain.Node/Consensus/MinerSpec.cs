namespace ActorChain.Node.Consensus;

/// <summary>A miner a node hosts: its name and hashrate in hashes per second (0 = uncapped real mining).</summary>
public sealed record MinerSpec(string Name, ulong Hashrate);
