using System.Collections.Immutable;
using ActorChain.Core.Pos;
using ActorChain.Core.Pow;
using ActorChain.Core.TxPool;
using Akka.Configuration;

namespace ActorChain.Node.Configuration;

/// <summary>
/// Reads <see cref="ChainSettings"/> from the <c>actorchain</c> block of cluster.hocon (or a scenario) with Akka.NET's
/// HOCON parser. Every bad or missing value is a <see cref="SettingsException"/> naming its full key path.
/// </summary>
public static class ChainSettingsLoader
{
    private const string Base = "actorchain";

    /// <summary>
    /// Reads <c>actorchain.*</c> from the HOCON file at <paramref name="path"/> layered over the repository's
    /// <c>cluster.hocon</c> (built in), so a file may set only what it changes; a key the defaults do not have is an
    /// error naming it (a <c>--config</c> error when the file is unreadable).
    /// </summary>
    public static ChainSettings FromFile(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new SettingsException("--config", File.Exists(path) ? $"cannot read {path}: {e.Message}" : $"no such file: {path}");
        }

        var file = Parse(text);
        var defaults = ConfigurationFactory.ParseString(DefaultHocon);
        if (file.HasPath(Base))
            RejectUnknownKeys(file.GetConfig(Base).Root, defaults.GetConfig(Base).Root, Base);
        return FromConfig(file.WithFallback(defaults));
    }

    /// <summary>The repository's <c>cluster.hocon</c>, as built into this assembly.</summary>
    public static string DefaultHocon { get; } = ReadDefaultHocon();

    private static string ReadDefaultHocon()
    {
        using var stream = typeof(ChainSettingsLoader).Assembly.GetManifestResourceStream("ActorChain.cluster.hocon")
            ?? throw new InvalidOperationException("cluster.hocon is not built into ActorChain.Node");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>Keys read when present that the built-in file leaves out, and blocks whose keys are checked where they are read.</summary>
    private static readonly string[] OptionalKeys = [Base + ".consensus.merge.genesis-delay"];

    private static readonly string[] OpenBlocks = [Base + ".consensus.overrides"]; // constants by spec name: checked by ApplyOverrides

    /// <summary>Every key of <paramref name="given"/> must be one of <paramref name="known"/>'s, at every depth of objects.</summary>
    private static void RejectUnknownKeys(Akka.Configuration.Hocon.HoconValue given, Akka.Configuration.Hocon.HoconValue known, string path)
    {
        if (!given.IsObject() || !known.IsObject() || OpenBlocks.Contains(path)) return;
        var knownItems = known.GetObject().Items;
        foreach (var (key, value) in given.GetObject().Items.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            if (!knownItems.TryGetValue(key, out var k))
            {
                if (OptionalKeys.Contains(path + "." + key)) continue;
                var allowed = string.Join(", ", knownItems.Keys.Order(StringComparer.Ordinal));
                throw new SettingsException(path + "." + key, $"unknown key; {path} has {allowed}");
            }

            RejectUnknownKeys(value, k, path + "." + key);
        }
    }

    private static Config Parse(string hocon)
    {
        try
        {
            return ConfigurationFactory.ParseString(hocon);
        }
        catch (Exception e) when (e is not SettingsException)
        {
            throw new SettingsException("--config", "not valid HOCON: " + HoconReads.FirstLine(e.Message));
        }
    }

    /// <summary>Parses <paramref name="hocon"/> and reads <c>actorchain.*</c>.</summary>
    public static ChainSettings FromHocon(string hocon)
    {
        return FromConfig(Parse(hocon));
    }

    /// <summary>Reads <c>actorchain.*</c> from a parsed config.</summary>
    public static ChainSettings FromConfig(Config root)
    {
        ArgumentNullException.ThrowIfNull(root);
        if (root.IsEmpty || !root.HasPath(Base))
        {
            throw new SettingsException(Base, "missing: the configuration has no actorchain block");
        }

        var c = root.GetConfig(Base);
        var seed = HoconReads.String(c, "chain-seed", Base);
        var genesisTs = HoconReads.LongAtLeast(c, "genesis.timestamp", Base, 0);
        var accounts = NamedAmounts(c, "genesis.accounts", "balance");
        var validators = NamedAmounts(c, "genesis.validators", "stake");

        const string p = Base + ".pow";
        var pc = Section(c, "pow", p);
        var mode = ParsePowMode(p + ".mode", HoconReads.String(pc, "mode", p));
        var blockTime = HoconReads.PositiveMillis(pc, "block-time", p);
        var interval = HoconReads.IntAtLeast(pc, "retarget-interval", p, 1);
        var reward = HoconReads.Coins(pc, "block-reward", p);
        var drift = HoconReads.Millis(pc, "max-future-drift", p);
        var genesisHashrate = HoconReads.LongAtLeast(pc, "genesis-hashrate", p, 1);
        var miners = HoconReads.IntAtLeast(pc, "miners-per-node", p, 0);
        var minerHashrate = HoconReads.LongAtLeast(pc, "miner-hashrate", p, 0);
        var chunk = HoconReads.IntAtLeast(pc, "chunk", p, 1);
        if (mode == PowMode.Simulated && minerHashrate == 0 && miners > 0)
        {
            throw new SettingsException(p + ".miner-hashrate", "must be positive when pow.mode = simulated");
        }

        // The limit is the easiest possible target, so that any configured hashrate can be simulated.
        var pow = PowParams.Defaults()
            .WithPowLimit(Targets.MaxTarget)
            .WithBlockTimeMillis((ulong)blockTime)
            .WithRetargetInterval((ulong)interval)
            .WithBlockRewardGwei(reward)
            .WithMaxFutureDriftMillis((ulong)drift)
            .WithGenesisTarget(ChainSettings.GenesisTargetFor((ulong)genesisHashrate, (ulong)blockTime))
            .WithCheckProofOfWork(mode == PowMode.Real);

        var link = ReadLink(Section(c, "network", Base + ".network"), Base + ".network");
        const string m = Base + ".mempool";
        var mc = Section(c, "mempool", m);
        var mempool = new MempoolPolicy(
            HoconReads.IntAtLeast(mc, "capacity", m, 1),
            HoconReads.IntAtLeast(mc, "max-per-sender", m, 1),
            HoconReads.IntAtLeast(mc, "replace-bump-percent", m, 0));
        return new ChainSettings(seed, (ulong)genesisTs, accounts, validators, pow, mode, miners, (ulong)minerHashrate, chunk,
            link, mempool, ReadConsensus(root));
    }

    /// <summary><c>network</c>: latency mean and jitter, and loss; <paramref name="path"/> names the block in errors.</summary>
    public static LinkSettings ReadLink(Config network, string path)
    {
        ArgumentNullException.ThrowIfNull(network);
        var link = new LinkSettings(
            HoconReads.Millis(network, "latency.mean", path),
            HoconReads.Millis(network, "latency.jitter", path),
            HoconReads.Probability(network, "loss", path));
        if (link.Problem is { } problem)
        {
            var colon = problem.IndexOf(": ", StringComparison.Ordinal);
            throw new SettingsException(path + "." + problem[..colon], problem[(colon + 2)..]);
        }

        return link;
    }

    /// <summary><c>actorchain.consensus</c> (CONSENSUS.md §1, §4): the preset, constant overrides and the merge; none when absent.</summary>
    public static ConsensusSettings ReadConsensus(Config root)
    {
        ArgumentNullException.ThrowIfNull(root);
        const string b = Base + ".consensus";
        if (!root.HasPath(b))
        {
            return ConsensusSettings.None;
        }

        var c = root.GetConfig(b);
        var preset = c.HasPath("preset") ? HoconReads.String(c, "preset", b) : "minimal";
        ConsensusConfig config;
        try
        {
            config = ConsensusConfig.ForPreset(preset);
        }
        catch (ArgumentException e)
        {
            throw new SettingsException(b + ".preset", HoconReads.FirstLine(e.Message));
        }

        if (c.HasPath("overrides"))
        {
            config = ApplyOverrides(config, c, b + ".overrides");
        }

        var at = c.HasPath("merge.at-height") ? HoconReads.LongAtLeast(c, "merge.at-height", b, -1) : -1;
        var confirmations = c.HasPath("merge.confirmations") ? HoconReads.IntAtLeast(c, "merge.confirmations", b, 0) : 2;
        ulong? delay = c.HasPath("merge.genesis-delay") ? (ulong)HoconReads.Millis(c, "merge.genesis-delay", b) : null;
        return new ConsensusSettings(config, at < 0 ? null : (ulong)at, confirmations, delay);
    }

    /// <summary>Applies <c>NAME = value</c> overrides in name order; each error names its key.</summary>
    private static ConsensusConfig ApplyOverrides(ConsensusConfig config, Config consensus, string path)
    {
        var value = consensus.GetValue("overrides");
        if (!value.IsObject())
        {
            throw new SettingsException(path, "must be an object of NAME = value");
        }

        var items = value.GetObject().Items;
        foreach (var name in items.Keys.Order(StringComparer.Ordinal))
        {
            var v = items[name];
            try
            {
                config = config.WithOverride(name, v.IsString() ? v.GetString() : v.ToString());
            }
            catch (ArgumentException e)
            {
                throw new SettingsException(path + "." + name, HoconReads.FirstLine(e.Message));
            }
        }

        return config;
    }

    private static ImmutableArray<NamedAmount> NamedAmounts(Config c, string key, string amountKey)
    {
        var path = HoconReads.Full(Base, key);
        var items = HoconReads.ObjectList(c, key, Base, $"{{ name = ..., {amountKey} = ... }}");
        if (items is null)
        {
            return [];
        }

        var result = ImmutableArray.CreateBuilder<NamedAmount>(items.Count);
        var seen = new HashSet<string>(StringComparer.Ordinal); // membership only
        for (var i = 0; i < items.Count; i++)
        {
            var at = $"{path}[{i}]";
            var name = HoconReads.String(items[i], "name", at);
            if (!seen.Add(name))
            {
                throw new SettingsException(at + ".name", $"duplicate name '{name}'");
            }

            result.Add(new NamedAmount(name, HoconReads.Coins(items[i], amountKey, at)));
        }

        return result.DrainToImmutable();
    }

    private static Config Section(Config c, string key, string path) =>
        c.HasPath(key) && c.GetValue(key).IsObject()
            ? c.GetConfig(key)
            : throw new SettingsException(path, "missing: must be a block { ... }");

    private static PowMode ParsePowMode(string keyPath, string s) => s switch
    {
        "real" => PowMode.Real,
        "simulated" => PowMode.Simulated,
        _ => throw new SettingsException(keyPath, $"must be real or simulated, got '{s}'"),
    };
}
