using System.Collections.Immutable;
using System.Globalization;
using ActorChain.Node;
using ActorChain.Node.Configuration;
using ActorChain.Node.Consensus;
using ActorChain.Simulation.Scenarios;

namespace ActorChain.Simulation.Running;

/// <summary>What a scenario runs on: its chain settings and its nodes (Java PowSimulation/PosSimulation.settingsFor, nodeSpecs).</summary>
public static class RunSetup
{
    /// <summary>
    /// The chain a PoW scenario runs: simulated PoW (no hash ≤ target check) from genesis time 0, the scenario's links, and the scenario's seed as
    /// the chain seed, so that the seed decides the keys, and with them every RANDAO reveal and proposer draw.
    /// </summary>
    public static ChainSettings PowSettings(Scenario sc, ChainSettings @base) => @base with
    {
        ChainSeed = sc.Seed.ToString(CultureInfo.InvariantCulture),
        PowMode = PowMode.Simulated,
        GenesisTimestamp = 0,
        Link = sc.Network.Link,
        Pow = @base.Pow.WithCheckProofOfWork(false).WithGenesisTarget(ChainSettings.GenesisTargetFor(sc.TotalHashrate, @base.Pow.BlockTimeMillis)),
    };

    /// <summary>The chain a PoS or merge scenario runs: <see cref="PowSettings"/> plus its validators, constants and merge height.</summary>
    public static ChainSettings PosSettings(Scenario sc, ChainSettings @base) => PowSettings(sc, @base) with
    {
        Validators = sc.GenesisValidators(),
        Consensus = @base.Consensus with
        {
            Config = sc.Constants(),
            MergeAtHeight = sc.Consensus == ConsensusKind.Merge ? sc.MergeAtHeight : null,
        },
    };

    /// <summary>One spec per node: its miners (<c>miner-m</c> by file order), its validators, and its peers by the topology.</summary>
    public static ImmutableArray<NodeSpec> NodeSpecs(Scenario sc)
    {
        var n = sc.Network.Nodes;
        var peers = sc.Network.Topology == NetworkSpec.RandomRegular
            ? Topology.RandomRegular(n, sc.Network.Degree, sc.Seed)
            : Topology.FullMesh(n);
        var specs = ImmutableArray.CreateBuilder<NodeSpec>(n);
        for (var i = 0; i < n; i++)
        {
            var node = i;
            ImmutableArray<MinerSpec> miners =
                [.. sc.Miners.Select((m, index) => (m, index)).Where(x => x.m.Node == node).Select(x => new MinerSpec(MinerName(x.index), x.m.Hashrate))];
            ImmutableArray<string> validators = [.. sc.Validators.Where(v => v.HostedOn(node)).Select(v => v.Name)];
            specs.Add(new NodeSpec(i, miners, validators, peers[i]));
        }

        return specs.MoveToImmutable();
    }

    /// <summary>The name of the miner at <paramref name="index"/> of the scenario's <c>miners</c>; its key derives from it.</summary>
    public static string MinerName(int index) => "miner-" + index.ToString(CultureInfo.InvariantCulture);
}
