using System.Collections.Immutable;

namespace ActorChain.Cli.Commands;

/// <summary>
/// The flags of <c>run</c> as given (null: not given), before any check; <see cref="RunPlanner"/> turns them into a
/// live plan or one line of bad input.
/// </summary>
public sealed record RunRequest
{
    /// <summary>The scenario file to play live, or null for a network built from the flags.</summary>
    public string? Scenario { get; init; }

    /// <summary><c>--consensus merge|pos|pow</c>.</summary>
    public string? Consensus { get; init; }

    /// <summary><c>--pos</c>: short for <c>--consensus pos</c>.</summary>
    public bool Pos { get; init; }

    /// <summary><c>--pow</c>: short for <c>--consensus pow</c>.</summary>
    public bool Pow { get; init; }

    /// <summary><c>--nodes</c>.</summary>
    public int? Nodes { get; init; }

    /// <summary><c>--miners</c>.</summary>
    public int? Miners { get; init; }

    /// <summary><c>--validators K</c>.</summary>
    public int? Validators { get; init; }

    /// <summary><c>--stake-each COINS</c>.</summary>
    public string? StakeEach { get; init; }

    /// <summary>Every token after each <c>--stake</c>, in order: NAME COINS NAME COINS ...</summary>
    public ImmutableArray<string> Stakes { get; init; } = [];

    /// <summary><c>--preset</c>.</summary>
    public string? Preset { get; init; }

    /// <summary><c>--slot</c>.</summary>
    public string? Slot { get; init; }

    /// <summary><c>--mining real|simulated</c>.</summary>
    public string? Mining { get; init; }

    /// <summary><c>--block-time</c>.</summary>
    public string? BlockTime { get; init; }

    /// <summary><c>--merge-at</c>.</summary>
    public long? MergeAt { get; init; }

    /// <summary><c>--seed</c>.</summary>
    public string? Seed { get; init; }

    /// <summary><c>--tx-rate</c>: transfers a second.</summary>
    public double? TxRate { get; init; }

    /// <summary><c>--stop-after</c>.</summary>
    public string? StopAfter { get; init; }

    /// <summary><c>--no-view</c>.</summary>
    public bool NoView { get; init; }

    /// <summary><c>--log-level</c>, or the environment's <c>ACTORCHAIN_LOG</c>.</summary>
    public string? LogLevel { get; init; }

    /// <summary><c>--log-file</c>.</summary>
    public string? LogFile { get; init; }

    /// <summary><c>--config FILE</c>: another cluster.hocon.</summary>
    public string? Config { get; init; }

    /// <summary><c>--http-port P</c>: the API and dashboard on 127.0.0.1:P (null: the default, 18080; 0: a free port).</summary>
    public int? HttpPort { get; init; }

    /// <summary><c>--no-http</c>: no API and no dashboard.</summary>
    public bool NoHttp { get; init; }
}
