using System.Collections.Immutable;

namespace ActorChain.Cluster.Hosting;

/// <summary>
/// The flags of <c>actorchain node</c>, as given (null: not given). <see cref="ClusterNodeSetup.Resolve"/> checks them and
/// layers them over the settings.
/// </summary>
public sealed record ClusterNodeOptions
{
    /// <summary>Node ids follow the remoting port from here: 25520 is node 0, 25521 node 1, ...</summary>
    public const int BasePort = 25520;

    /// <summary>Ports from <see cref="BasePort"/> on that give their node id.</summary>
    public const int DerivedIdRange = 1000;

    /// <summary><c>--port</c>: the remoting TCP port on 127.0.0.1 (0: any free port, then <see cref="Id"/> is required).</summary>
    public int Port { get; init; } = BasePort;

    /// <summary><c>--seed-node HOST:PORT</c>, repeatable (none: <c>akka.cluster.seed-nodes</c> of the config).</summary>
    public ImmutableArray<string> SeedNodes { get; init; } = [];

    /// <summary><c>--http-port</c> (null: <c>actorchain.node.http-port</c>; 0: any free port).</summary>
    public int? HttpPort { get; init; }

    /// <summary><c>--data-dir</c> (null: <c>./data/node-ID</c>).</summary>
    public string? DataDir { get; init; }

    /// <summary><c>--id</c> (null: derived from the port).</summary>
    public int? Id { get; init; }

    /// <summary><c>--pos</c>: proof of stake from genesis.</summary>
    public bool Pos { get; init; }

    /// <summary><c>--pow</c>: proof of work (the default).</summary>
    public bool Pow { get; init; }

    /// <summary><c>--validator NAME</c>, repeatable: the genesis validators this process hosts.</summary>
    public ImmutableArray<string> Validators { get; init; } = [];

    /// <summary><c>--stake NAME AMOUNT</c>, repeatable: the genesis validators and their stakes in coins (replacing the config's).</summary>
    public ImmutableArray<KeyValuePair<string, string>> Stakes { get; init; } = [];

    /// <summary><c>--genesis-time MILLIS</c> since the Unix epoch.</summary>
    public long? GenesisTime { get; init; }

    /// <summary><c>--merge-at H</c>: merge PoW into PoS at height H.</summary>
    public long? MergeAt { get; init; }

    /// <summary><c>--config FILE</c>: a cluster.hocon layered over the built-in one.</summary>
    public string? ConfigFile { get; init; }
}
