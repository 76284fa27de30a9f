using System.Collections.Immutable;
using System.Globalization;
using ActorChain.Core;
using ActorChain.Core.Pos;
using ActorChain.Core.Pow;
using ActorChain.Node;
using ActorChain.Node.Configuration;
using ActorChain.Node.Consensus;
using ActorChain.Simulation.Live;
using ActorChain.Simulation.Running;
using ActorChain.Simulation.Scenarios;

namespace ActorChain.Cli.Commands;

/// <summary>
/// Turns the flags of <c>run</c> into a <see cref="LivePlan"/>: the network the flags describe (miners and
/// validators spread round-robin over the nodes), or a scenario file played live. Every bad input is a
/// <see cref="UsageException"/>, <see cref="SettingsException"/> or <see cref="ScenarioException"/> naming the flag.
/// </summary>
public static class RunPlanner
{
    /// <summary>Nodes when <c>--nodes</c> is not given.</summary>
    public const int DefaultNodes = 4;

    /// <summary>Miners when <c>--miners</c> is not given (none for proof of stake).</summary>
    public const int DefaultMiners = 4;

    /// <summary>Validators when neither <c>--validators</c> nor <c>--stake</c> is given.</summary>
    public const int DefaultValidators = 16;

    /// <summary>Each validator's stake when <c>--stake-each</c> is not given.</summary>
    public const string DefaultStake = "32";

    /// <summary>Transfers a second between the genesis accounts when <c>--tx-rate</c> is not given (none for a scenario file).</summary>
    public const double DefaultTxRate = 2;

    /// <summary>The PoW height of the terminal block when <c>--merge-at</c> is not given.</summary>
    public const ulong DefaultMergeAt = 16;

    /// <summary>PoW block time when merging and no <c>--block-time</c> is given: brisk, so the merge comes within seconds.</summary>
    public static readonly TimeSpan MergeBlockTime = TimeSpan.FromSeconds(1);

    /// <summary>The Akka log levels <c>--log-level</c> takes.</summary>
    public static ImmutableArray<string> LogLevels { get; } = ["debug", "info", "warning", "error", "off"];

    /// <summary>The plan of <paramref name="r"/>, on the chain of <c>--config</c> (or the built-in cluster.hocon defaults).</summary>
    public static LivePlan Plan(RunRequest r)
    {
        ArgumentNullException.ThrowIfNull(r);
        var @base = r.Config is null ? ChainSettings.Defaults : ChainSettingsLoader.FromFile(r.Config);
        var seed = r.Seed is null ? (ulong?)null : ScenarioParser.ParseSeed(r.Seed);
        TimeSpan? stopAfter = r.StopAfter is null ? null : Durations.Parse("--stop-after", r.StopAfter);
        if (r.TxRate is { } rate && !(rate >= 0 && rate <= 1000)) // NaN too
            throw new UsageException($"--tx-rate: must be between 0 and 1000 transfers a second, got {r.TxRate}");
        if (r.HttpPort is { } port && (port < 0 || port > 65535))
            throw new UsageException($"--http-port: must be a TCP port between 0 and 65535 (0: any free port), got {port}");
        if (r.NoHttp && r.HttpPort is not null)
            throw new UsageException("--http-port and --no-http: choose one");
        if (r.Scenario is { } named && named.StartsWith('-') && !File.Exists(named))
            throw new UsageException($"{named}: no such option (see 'actorchain run --help')");
        if (r.Scenario is not null)
        {
            var given = Given(r);
            if (given.Count > 0)
                throw new UsageException($"{given[0]}: the scenario file sets the network; beside SCENARIO.conf give only --seed, --stop-after, --tx-rate, --no-view, --http-port, --no-http, --log-level, --log-file or --config");
            var sc = ScenarioParser.ParseFile(r.Scenario);
            if (seed is { } s) sc = sc.WithSeed(s);
            return LivePlan.FromScenario(sc, @base, stopAfter) with { TxPerSecond = r.TxRate ?? 0 };
        }

        var consensus = ParseConsensus(r);
        var settings = WithConstants(@base, r);
        var nodes = r.Nodes ?? DefaultNodes;
        if (nodes is < 1 or > LivePlan.MostNodes)
            throw new UsageException($"--nodes: must be between 1 and {LivePlan.MostNodes}, got {nodes}");
        var miners = Miners(r, consensus);
        var validators = consensus == ConsensusKind.Pow ? NoValidators(r) : Validators(r, settings.Consensus.Config);
        settings = WithPow(settings, r, consensus, miners);
        settings = settings with
        {
            Validators = validators,
            Consensus = settings.Consensus with
            {
                MergeAtHeight = consensus == ConsensusKind.Merge ? MergeAt(r) : null,
                // From genesis there is no PoW block time to wait for: slot 0 starts 2 slots after the start (§4's minimum).
                MergeGenesisDelayMillis = consensus == ConsensusKind.Pos
                    ? settings.Consensus.MergeGenesisDelayMillis ?? 2 * settings.Consensus.Config.MillisPerSlot
                    : settings.Consensus.MergeGenesisDelayMillis,
            },
        };
        if (r.MergeAt is not null && consensus != ConsensusKind.Merge)
            throw new UsageException($"--merge-at: only a merge run has a merge (this is --consensus {consensus.ConfigName()})");

        var specs = ImmutableArray.CreateBuilder<NodeSpec>(nodes);
        for (var i = 0; i < nodes; i++)
        {
            var node = i;
            ImmutableArray<MinerSpec> hosted = [.. Enumerable.Range(0, miners).Where(m => m % nodes == node)
                .Select(m => new MinerSpec(RunSetup.MinerName(m), settings.MinerHashrate))];
            ImmutableArray<string> names = [.. validators.Where((_, v) => v % nodes == node).Select(v => v.Name)];
            specs.Add(new NodeSpec(i, hosted, names, null));
        }

        var plan = new LivePlan("", consensus, settings, specs.MoveToImmutable(), [], seed ?? 1, null, stopAfter)
        {
            TxPerSecond = r.TxRate ?? DefaultTxRate,
        };
        return plan with { Title = Title(plan) };
    }

    /// <summary>The Akka log level: <c>--log-level</c>, else <paramref name="environment"/> (ACTORCHAIN_LOG), else warning.</summary>
    public static string LogLevel(string? flag, string? environment)
    {
        var (value, source) = flag is not null ? (flag, "--log-level") : environment is { Length: > 0 } ? (environment, "ACTORCHAIN_LOG") : ("warning", "");
        var level = value.Trim().ToLowerInvariant();
        if (!LogLevels.Contains(level))
            throw new UsageException($"{source}: must be one of {string.Join(", ", LogLevels)}, got '{value}'");
        return level.ToUpperInvariant();
    }

    /// <summary>The flags given that shape the network: refused beside a scenario file (the file says all that).</summary>
    private static List<string> Given(RunRequest r)
    {
        List<(string Flag, bool Given)> all =
        [
            ("--consensus", r.Consensus is not null), ("--pos", r.Pos), ("--pow", r.Pow), ("--nodes", r.Nodes is not null),
            ("--miners", r.Miners is not null), ("--validators", r.Validators is not null), ("--stake-each", r.StakeEach is not null),
            ("--stake", !r.Stakes.IsEmpty), ("--preset", r.Preset is not null), ("--slot", r.Slot is not null),
            ("--mining", r.Mining is not null), ("--block-time", r.BlockTime is not null), ("--merge-at", r.MergeAt is not null),
        ];
        return [.. all.Where(f => f.Given).Select(f => f.Flag)];
    }

    private static ConsensusKind ParseConsensus(RunRequest r)
    {
        if (r.Pos && r.Pow) throw new UsageException("--pos and --pow: choose one (they are short for --consensus pos and --consensus pow)");
        var shortcut = r.Pos ? "pos" : r.Pow ? "pow" : null;
        if (shortcut is not null && r.Consensus is not null && r.Consensus != shortcut)
            throw new UsageException($"--{shortcut} conflicts with --consensus {r.Consensus}: give one of them");
        var name = shortcut ?? r.Consensus ?? "merge";
        return ConsensusKinds.FromConfigName(name) ?? throw new UsageException($"--consensus: must be merge, pos or pow, got '{name}'");
    }

    private static ChainSettings WithConstants(ChainSettings @base, RunRequest r)
    {
        var config = @base.Consensus.Config;
        if (r.Preset is not null)
        {
            if (!ScenarioParser.Presets.Contains(r.Preset))
                throw new UsageException($"--preset: must be {string.Join(", ", ScenarioParser.Presets)}, got '{r.Preset}'");
            config = ConsensusConfig.ForPreset(r.Preset);
        }

        if (r.Slot is not null)
        {
            var slot = Durations.Parse("--slot", r.Slot);
            if (slot.TotalMilliseconds % 1000 != 0)
                throw new UsageException($"--slot: SECONDS_PER_SLOT is a whole number of seconds, at least 1s, got '{r.Slot}'");
            try
            {
                config = config.WithOverride("SECONDS_PER_SLOT", ((long)slot.TotalSeconds).ToString(CultureInfo.InvariantCulture));
            }
            catch (ArgumentException e)
            {
                throw new UsageException("--slot: " + e.Message.Split('\n')[0]);
            }
        }

        return @base with { Consensus = @base.Consensus with { Config = config } };
    }

    private static int Miners(RunRequest r, ConsensusKind consensus)
    {
        if (consensus == ConsensusKind.Pos)
        {
            if (r.Miners is > 0) throw new UsageException("--miners: proof of stake from genesis has no miners (use --consensus merge)");
            if (r.Mining is not null || r.BlockTime is not null)
                throw new UsageException($"{(r.Mining is not null ? "--mining" : "--block-time")}: proof of stake from genesis mines no blocks");
            return 0;
        }

        var miners = r.Miners ?? DefaultMiners;
        if (miners < 1)
            throw new UsageException($"--miners: {(consensus == ConsensusKind.Merge ? "the merge needs" : "proof of work needs")} at least 1 miner, got {miners}");
        return miners;
    }

    private static ImmutableArray<NamedAmount> NoValidators(RunRequest r) =>
        r.Validators is not null || r.StakeEach is not null || !r.Stakes.IsEmpty
            ? throw new UsageException($"{(r.Validators is not null ? "--validators" : r.StakeEach is not null ? "--stake-each" : "--stake")}: proof of work has no validators (use --consensus merge or pos)")
            : [];

    private static ImmutableArray<NamedAmount> Validators(RunRequest r, ConsensusConfig config)
    {
        if (!r.Stakes.IsEmpty && (r.Validators is not null || r.StakeEach is not null))
            throw new UsageException($"--stake names each validator; {(r.Validators is not null ? "--validators" : "--stake-each")} gives numbered ones: use one or the other");
        if (!r.Stakes.IsEmpty) return Named(r.Stakes, config);
        var count = r.Validators ?? DefaultValidators;
        if (count is < 1 or > LivePlan.MostValidators)
            throw new UsageException($"--validators: must be between 1 and {LivePlan.MostValidators:N0}, got {count}");
        var gwei = Stake("--stake-each", r.StakeEach ?? DefaultStake, config);
        return [.. Enumerable.Range(0, count).Select(v => new NamedAmount("v" + v.ToString(CultureInfo.InvariantCulture), gwei))];
    }

    /// <summary><c>--stake NAME COINS</c>, repeated: names in the order given, no name twice, every amount a stake.</summary>
    private static ImmutableArray<NamedAmount> Named(ImmutableArray<string> tokens, ConsensusConfig config)
    {
        var result = ImmutableArray.CreateBuilder<NamedAmount>();
        var seen = new HashSet<string>(StringComparer.Ordinal); // membership only
        for (var i = 0; i < tokens.Length; i += 2)
        {
            var name = tokens[i];
            if (name.Length == 0 || name.StartsWith('-') || char.IsAsciiDigit(name[0]))
                throw new UsageException($"--stake: needs a validator name then an amount in coins (--stake alice 32), got '{name}' as the name");
            if (i + 1 >= tokens.Length || !LooksLikeAmount(tokens[i + 1]))
                throw new UsageException($"--stake {name}: the amount in coins is missing (--stake {name} 32)");
            if (!seen.Add(name)) throw new UsageException($"--stake {name}: the name is given twice");
            result.Add(new NamedAmount(name, Stake("--stake " + name, tokens[i + 1], config)));
        }

        return result.ToImmutable();
    }

    private static bool LooksLikeAmount(string s) => s.Length > 0 && (char.IsAsciiDigit(s[0]) || s[0] is '-' or '+' or '.');

    private static ulong Stake(string flag, string coins, ConsensusConfig config)
    {
        if (coins.StartsWith('-')) throw new UsageException($"{flag}: a stake must be positive, got {coins}");
        var gwei = Coins.ToGwei(flag, coins);
        if (gwei < config.EffectiveBalanceIncrement)
            throw new UsageException($"{flag}: a stake must be at least {Units.FormatCoins(config.EffectiveBalanceIncrement)} coins (EFFECTIVE_BALANCE_INCREMENT), got {coins}");
        return gwei;
    }

    private static ulong MergeAt(RunRequest r) => r.MergeAt switch
    {
        null => DefaultMergeAt,
        < 1 => throw new UsageException($"--merge-at: must be at least 1 (height 0 is the genesis block: use --pos to start in proof of stake), got {r.MergeAt}"),
        var h => (ulong)h.Value,
    };

    /// <summary>The PoW side: mode, block time, and a genesis target the miners meet in about one block time.</summary>
    private static ChainSettings WithPow(ChainSettings s, RunRequest r, ConsensusKind consensus, int miners)
    {
        var mode = r.Mining switch
        {
            null => s.PowMode,
            "real" => PowMode.Real,
            "simulated" => PowMode.Simulated,
            var other => throw new UsageException($"--mining: must be real or simulated, got '{other}'"),
        };
        var oldBlock = s.Pow.BlockTimeMillis;
        var block = r.BlockTime is not null ? Durations.Parse("--block-time", r.BlockTime)
            : consensus == ConsensusKind.Merge ? MergeBlockTime : TimeSpan.FromMilliseconds(oldBlock);
        var blockMillis = (ulong)block.TotalMilliseconds;
        // The network hashrate the genesis target assumes: cluster.hocon's genesis-hashrate in real mode (the hardware
        // decides), the miners' own rates in simulated mode (they decide).
        var hashrate = mode == PowMode.Simulated
            ? (ulong)miners * Math.Max(1, s.MinerHashrate)
            : (ulong)(Targets.Work(s.Pow.GenesisTarget) * 1000 / Math.Max(1, oldBlock));
        if (mode == PowMode.Simulated && s.MinerHashrate == 0 && miners > 0)
            throw new UsageException("--mining simulated: pow.miner-hashrate of the config is 0; simulated miners need a hashrate");
        return s with
        {
            PowMode = mode,
            Pow = s.Pow.WithBlockTimeMillis(blockMillis).WithCheckProofOfWork(mode == PowMode.Real)
                .WithGenesisTarget(ChainSettings.GenesisTargetFor(hashrate, blockMillis)),
        };
    }

    private static string Title(LivePlan p)
    {
        var c = p.Settings.Consensus.Config;
        var miners = p.Nodes.Sum(n => n.Miners.Length);
        var pow = string.Create(CultureInfo.InvariantCulture,
            $"{miners} {(p.Settings.PowMode == PowMode.Real ? "real" : "simulated")} miners, {p.Settings.Pow.BlockTimeMillis / 1000.0:0.###} s blocks");
        var stake = p.Settings.Validators.Aggregate(0UL, (sum, v) => sum + v.Gwei);
        var pos = string.Create(CultureInfo.InvariantCulture,
            $"{p.Settings.Validators.Length} validators ({Units.FormatCoins(stake)} coins staked), {c.Preset} preset ({c.SecondsPerSlot} s slots, {c.SlotsPerEpoch}-slot epochs)");
        var what = p.Consensus switch
        {
            ConsensusKind.Pow => "proof of work: " + pow,
            ConsensusKind.Pos => "proof of stake from genesis: " + pos,
            _ => $"{pow}, merge at height {p.Settings.Consensus.MergeAtHeight} into proof of stake: {pos}",
        };
        return $"{p.Nodes.Length} nodes, {what}";
    }
}
