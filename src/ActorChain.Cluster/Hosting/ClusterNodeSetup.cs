using System.Collections.Immutable;
using System.Globalization;
using System.Net;
using ActorChain.Core.Codec;
using ActorChain.Node.Configuration;
using ActorChain.Node.Consensus;
using Akka.Actor;
using Akka.Configuration;

namespace ActorChain.Cluster.Hosting;

/// <summary>
/// A node process's flags checked and resolved: its id, the chain settings (the config file over the built-in
/// cluster.hocon, the genesis flags on top), the validators it hosts, the Akka config (the config's <c>akka</c> section
/// with this process's port and no seed nodes: it joins them itself), the seeds, the HTTP endpoint and the data dir.
/// </summary>
public sealed record ClusterNodeSetup(
    int NodeId,
    ChainSettings Settings,
    bool Pos,
    ImmutableArray<string> Hosted,
    Config AkkaConfig,
    int Port,
    ImmutableArray<Address> Seeds,
    IPAddress HttpHost,
    int HttpPort,
    string DataDir,
    TimeSpan JoinTimeout)
{
    /// <summary>The only host a node listens on.</summary>
    public const string Hostname = "127.0.0.1";

    /// <summary>Earlier than this (March 1973) a genesis time in milliseconds is almost surely seconds by mistake.</summary>
    public const long EarliestGenesisMillis = 100_000_000_000L;

    /// <summary>The genesis digest of these settings (the handshake's, and what a data dir is bound to).</summary>
    public string GenesisDigest => Membership.Genesis.Digest(Settings, Pos);

    /// <summary>The node's miners: <c>miners-per-node</c> of them (none with <c>--pos</c>), named <c>miner-ID-K</c>.</summary>
    public ImmutableArray<MinerSpec> Miners =>
        Pos ? [] : [.. Enumerable.Range(0, Settings.MinersPerNode).Select(k => new MinerSpec($"miner-{NodeId}-{k}", Settings.MinerHashrate))];

    /// <summary>Every process of one network derives the same base seed from the chain seed; nodes differ by id.</summary>
    public ulong Seed => Sha256.Hash(System.Text.Encoding.UTF8.GetBytes("cluster-node-seed" + Settings.ChainSeed)).FirstU64Le();

    /// <summary>Checks <paramref name="o"/> and resolves it; every problem is a <see cref="NodeStartException"/> naming its flag or key.</summary>
    public static ClusterNodeSetup Resolve(ClusterNodeOptions o)
    {
        ArgumentNullException.ThrowIfNull(o);
        try
        {
            return ResolveChecked(o);
        }
        catch (SettingsException e)
        {
            throw new NodeStartException(e.Message);
        }
    }

    private static ClusterNodeSetup ResolveChecked(ClusterNodeOptions o)
    {
        if (o.Pos && o.Pow)
            throw new NodeStartException("--pos and --pow exclude each other");
        CheckPort("--port", o.Port);
        if (o.HttpPort is { } hp)
            CheckPort("--http-port", hp);
        var id = o.Id ?? (o.Port == 0 ? throw new NodeStartException("--id is required with --port 0")
            : o.Port is >= ClusterNodeOptions.BasePort and < ClusterNodeOptions.BasePort + ClusterNodeOptions.DerivedIdRange
                ? o.Port - ClusterNodeOptions.BasePort : o.Port);
        if (id < 0)
            throw new NodeStartException($"--id must be ≥ 0, got {id}");

        var config = o.ConfigFile is null ? Config.Empty : ParseFile(o.ConfigFile);
        var merged = config.WithFallback(ConfigurationFactory.ParseString(ChainSettingsLoader.DefaultHocon));
        var settings = ApplyGenesisFlags(o.ConfigFile is null ? ChainSettingsLoader.FromHocon(ChainSettingsLoader.DefaultHocon)
            : ChainSettingsLoader.FromFile(o.ConfigFile), o);
        var hosted = HostedOf(settings, o.Validators);
        var seeds = o.SeedNodes.IsEmpty ? ConfigSeeds(merged) : [.. o.SeedNodes.Select(ParseSeed)];
        if (seeds.IsEmpty)
            throw new NodeStartException("no seed nodes: pass --seed-node HOST:PORT or set akka.cluster.seed-nodes");
        var httpPort = o.HttpPort ?? Int(merged, "actorchain.node.http-port");
        var httpHostText = merged.GetString("actorchain.node.http-host", Hostname);
        if (!IPAddress.TryParse(httpHostText, out var httpHost))
            throw new NodeStartException($"actorchain.node.http-host: must be an IP address, got '{httpHostText}'");
        TimeSpan joinTimeout;
        try
        {
            joinTimeout = merged.GetTimeSpan("actorchain.node.join-timeout", TimeSpan.FromSeconds(20));
        }
        catch (Exception e) when (e is not NodeStartException)
        {
            throw new NodeStartException("actorchain.node.join-timeout: must be a duration such as 20s");
        }

        var akka = ConfigurationFactory.ParseString($$"""
            akka.remote.dot-netty.tcp.hostname = "{{Hostname}}"
            akka.remote.dot-netty.tcp.port = {{o.Port}}
            akka.cluster.seed-nodes = []
            akka.cluster.run-coordinated-shutdown-when-down = on
            akka.coordinated-shutdown.exit-clr = off
            akka.coordinated-shutdown.run-by-clr-shutdown-hook = on
            akka.actor.guardian-supervisor-strategy = "Akka.Actor.StoppingSupervisorStrategy"
            akka.loglevel = INFO
            akka.log-dead-letters = off
            akka.log-dead-letters-during-shutdown = off
            {{ConsensusSupervisor.MiningDispatcherHocon}}
            """).WithFallback(merged);
        var dataDir = o.DataDir ?? Path.Combine("data", "node-" + id.ToString(CultureInfo.InvariantCulture));
        return new ClusterNodeSetup(id, settings, o.Pos, hosted, akka, o.Port, seeds, httpHost, httpPort, dataDir, joinTimeout);
    }

    private static void CheckPort(string flag, int port)
    {
        if (port is < 0 or > 65535)
            throw new NodeStartException($"{flag} must be in 0..65535, got {port}");
    }

    private static int Int(Config c, string key)
    {
        try
        {
            var v = c.GetInt(key);
            if (v is < 0 or > 65535) throw new FormatException();
            return v;
        }
        catch (Exception e) when (e is not NodeStartException)
        {
            throw new NodeStartException(key + ": must be a port number (0 = any free port)");
        }
    }

    private static Config ParseFile(string path)
    {
        try
        {
            return ConfigurationFactory.ParseString(File.ReadAllText(path));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new NodeStartException(File.Exists(path) ? $"--config: cannot read {path}: {e.Message}" : $"--config: no such file: {path}");
        }
        catch (Exception e)
        {
            throw new NodeStartException("--config: not valid HOCON: " + e.Message.Split('\n')[0]);
        }
    }

    /// <summary><c>--stake</c>, <c>--genesis-time</c> and <c>--merge-at</c> over <paramref name="s"/>; each error names its flag.</summary>
    public static ChainSettings ApplyGenesisFlags(ChainSettings s, ClusterNodeOptions o)
    {
        ArgumentNullException.ThrowIfNull(s);
        ArgumentNullException.ThrowIfNull(o);
        if (!o.Stakes.IsEmpty)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            var validators = ImmutableArray.CreateBuilder<NamedAmount>();
            foreach (var (name, amount) in o.Stakes)
            {
                if (string.IsNullOrWhiteSpace(name) || name.StartsWith('-'))
                    throw new NodeStartException($"--stake needs a validator name and an amount, e.g. --stake alice 32, got '{name}'");
                if (!seen.Add(name))
                    throw new NodeStartException($"--stake {name} is given twice");
                var gwei = Coins.ToGwei("--stake " + name, amount);
                if (gwei == 0)
                    throw new NodeStartException($"--stake {name}: the stake must be positive, got {amount}");
                validators.Add(new NamedAmount(name, gwei));
            }
            s = s with { Validators = validators.ToImmutable() };
        }
        if (o.GenesisTime is { } t)
        {
            if (t < EarliestGenesisMillis)
                throw new NodeStartException($"--genesis-time is milliseconds since the Unix epoch, so {t} is before 1973 (seconds by mistake?)");
            s = s with { GenesisTimestamp = (ulong)t };
        }
        if (o.MergeAt is { } h)
        {
            if (o.Pos)
                throw new NodeStartException("--merge-at is for a PoW chain that merges later; --pos starts in proof of stake");
            if (h < 1)
                throw new NodeStartException($"--merge-at must be ≥ 1 (height 0 is the genesis block: use --pos to start in PoS), got {h}");
            s = s with { Consensus = s.Consensus with { MergeAtHeight = (ulong)h } };
        }
        if (o.Pos && s.GenesisTimestamp == 0)
            throw new NodeStartException("--pos needs a recent genesis time shared by every node, else PoS slot 0 is in 1970: pass --genesis-time MILLIS (e.g. now + 15 s; scripts/cluster does this)");
        if (o.Pos && s.Validators.IsEmpty)
            throw new NodeStartException("--pos needs genesis validators: pass --stake NAME AMOUNT (the same on every node) or set actorchain.genesis.validators");
        return s;
    }

    /// <summary>The <c>--validator</c> names, each a genesis validator of <paramref name="s"/>, once.</summary>
    public static ImmutableArray<string> HostedOf(ChainSettings s, ImmutableArray<string> validators)
    {
        ArgumentNullException.ThrowIfNull(s);
        var names = s.Validators.Select(v => v.Name).ToList();
        var hosted = new List<string>();
        foreach (var v in validators)
        {
            if (names.Count == 0)
                throw new NodeStartException($"--validator {v}: there are no genesis validators; give them with --stake NAME AMOUNT (the same on every node) or actorchain.genesis.validators");
            if (!names.Contains(v))
                throw new NodeStartException($"--validator {v}: not a genesis validator (they are {ShortList(names)})");
            if (hosted.Contains(v))
                throw new NodeStartException($"--validator {v} is given twice");
            hosted.Add(v);
        }
        return [.. hosted];
    }

    private static string ShortList(List<string> names) =>
        names.Count <= 8 ? string.Join(", ", names) : string.Join(", ", names.Take(8)) + $", ... ({names.Count} in all)";

    /// <summary><c>HOST:PORT</c> of a <c>--seed-node</c> as the cluster's address of that process.</summary>
    public static Address ParseSeed(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var colon = text.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(text[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535)
            throw new NodeStartException($"--seed-node must be HOST:PORT, e.g. 127.0.0.1:25521, got '{text}'");
        return new Address("akka.tcp", ClusterInfo.SystemName, text[..colon], port);
    }

    private static ImmutableArray<Address> ConfigSeeds(Config c)
    {
        try
        {
            return [.. c.GetStringList("akka.cluster.seed-nodes").Select(Address.Parse)];
        }
        catch (Exception e) when (e is not NodeStartException)
        {
            throw new NodeStartException("akka.cluster.seed-nodes: must be a list of akka.tcp://actorchain@HOST:PORT addresses");
        }
    }
}
