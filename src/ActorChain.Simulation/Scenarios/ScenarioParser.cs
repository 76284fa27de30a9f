using System.Collections.Immutable;
using System.Globalization;
using ActorChain.Core.Pos;
using ActorChain.Node.Configuration;

namespace ActorChain.Simulation.Scenarios;

/// <summary>
/// Reads a scenario file (SIMULATION.md, docs/scenarios.md) and collects every problem it finds, one line each with its
/// key path and what is allowed, instead of stopping at the first. A value of the wrong type is reported once: the
/// checks that depend on it (node ranges, validator names, consensus) are skipped rather than run on a made-up value.
/// </summary>
public sealed partial class ScenarioParser
{
    /// <summary>The keys of the <c>scenario</c> block.</summary>
    public static ImmutableSortedSet<string> TopKeys { get; } =
        ["name", "seed", "preset", "consensus", "merge", "stop", "network", "validators", "miners", "consensus-overrides", "faults", "expect"];

    /// <summary>The presets (CONSENSUS.md §1).</summary>
    public static ImmutableArray<string> Presets { get; } = ["minimal", "mainnet", "tutorial"];

    private const int MaxNodes = 1024;
    private const int MaxValidators = 1_000_000;

    private readonly ProblemList _p = new();
    private ConsensusKind? _consensus;
    private int? _nodes;
    private ConsensusConfig? _constants;

    private ScenarioParser()
    {
    }

    /// <summary>Parses the scenario file at <paramref name="path"/>; a <see cref="ScenarioException"/> lists every problem.</summary>
    public static Scenario ParseFile(string path)
    {
        if (!File.Exists(path)) throw new ScenarioException([path + ": no such scenario file"]);
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ScenarioException([path + ": cannot read it: " + e.Message]);
        }

        return Parse(text, path);
    }

    /// <summary>Parses scenario <paramref name="text"/>; <paramref name="source"/> (e.g. the file name) prefixes a syntax error.</summary>
    public static Scenario Parse(string text, string source)
    {
        var root = HoconTree.Parse(text, out var error)
            ?? throw new ScenarioException([source + ": not valid HOCON: " + error]);
        return new ScenarioParser().ParseRoot(root);
    }

    /// <summary>The value of <c>--seed</c>: a whole number in [0, 2^64 − 1]; otherwise a one-line <see cref="ScenarioException"/>.</summary>
    public static ulong ParseSeed(string text) =>
        ulong.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var seed)
            ? seed
            : throw new ScenarioException([$"--seed: must be a whole number from 0 to {ulong.MaxValue}, got '{text}'"]);

    /// <summary>A parser that only collects problems: for one fault entry outside a scenario (<see cref="FaultEntry"/>).</summary>
    internal static ProblemList Collecting() => new();

    private Scenario ParseRoot(HObject root)
    {
        foreach (var key in root.Keys.Where(k => k != "scenario"))
            _p.Add(key, "unknown key; a scenario file has one top-level block scenario { ... }");
        var sv = root.Get("scenario");
        if (sv is null) throw new ScenarioException([.. _p.All, "scenario: missing; a scenario file has one top-level block scenario { ... }"]);
        if (sv is not HObject s) throw new ScenarioException([.. _p.All, "scenario: must be a block { ... }, got " + sv.Render()]);
        _p.CheckKeys(s, "scenario", TopKeys);

        var name = _p.Str(s, "name", "scenario") ?? "unnamed";
        var seed = _p.Unsigned(s, "seed", "scenario") ?? 1;
        var preset = ParsePreset(s);
        _consensus = ParseConsensus(s);
        var mergeAt = ParseMerge(s);
        var stop = ParseStop(s);
        var network = ParseNetwork(s);
        var miners = ParseMiners(s);
        var validators = ParseValidators(s, out var validatorsKnown);
        var overrides = ParseOverrides(s, preset);
        var faultParser = new FaultParser(_p, _nodes ?? -1, _consensus, validatorsKnown ? validators.Select(v => v.Name) : null,
            "scenario", miners, _constants);
        var faults = faultParser.ParseFaults(s);
        var expects = ParseExpects(s, validatorsKnown ? validators : null);
        if (_p.Count > 0) throw new ScenarioException(_p.All);
        return new Scenario(name, seed, preset!, _consensus!.Value, mergeAt, stop!, network, miners!.Value, validators,
            overrides, faults, expects);
    }

    private string? ParsePreset(HObject s)
    {
        var preset = _p.Str(s, "preset", "scenario") ?? "minimal";
        if (Presets.Contains(preset)) return preset;
        _p.Add("scenario.preset", $"must be minimal, mainnet or tutorial, got '{preset}'");
        return null;
    }

    private ConsensusKind? ParseConsensus(HObject s)
    {
        var c = _p.Str(s, "consensus", "scenario");
        if (c is null) return s.Has("consensus") ? null : ConsensusKind.Pow;

        var kind = ConsensusKinds.FromConfigName(c);
        if (kind is null) _p.Add("scenario.consensus", $"must be pow, pos or merge, got '{c}'");
        return kind;
    }

    private ulong? ParseMerge(HObject s)
    {
        var merge = _p.Block(s, "merge", "scenario", ["at-height"], "{ at-height = H }");
        if (_consensus is null) return null;
        if (_consensus != ConsensusKind.Merge)
        {
            if (s.Has("merge")) _p.Add("scenario.merge", "applies to consensus = merge only");
            return null;
        }

        if (merge is null)
        {
            if (!s.Has("merge")) _p.Missing(s, "scenario.merge.at-height", "missing; consensus = merge needs merge.at-height = H (a height ≥ 1)", "merge", "at-height");
            return null;
        }

        if (!merge.Has("at-height"))
        {
            _p.Missing(merge, "scenario.merge.at-height", "missing; consensus = merge needs merge.at-height = H (a height ≥ 1)", "merge", "at-height");
            return null;
        }

        var at = _p.Whole(merge, "at-height", "scenario.merge");
        if (at is null) return null;
        if (at >= 1) return (ulong)at;
        _p.Add("scenario.merge.at-height", $"must be a height ≥ 1, got {at}");
        return null;
    }

    private Stop? ParseStop(HObject s)
    {
        const string How = "give stop { height = H } (pow), stop { epochs = N } (pos, merge) or stop { seconds = T }";
        if (!s.Has("stop"))
        {
            _p.Missing(s, "scenario.stop", "missing; " + How, "stop");
            return null;
        }

        var block = _p.Block(s, "stop", "scenario", ["epochs", "height", "seconds"], "{ epochs = N }");
        if (block is null) return null;
        var given = block.Keys.Where(k => k is "epochs" or "height" or "seconds").ToList();
        if (given.Count == 0)
        {
            _p.Missing(block, "scenario.stop", "must hold exactly one of height, epochs, seconds; " + How, "epochs", "height", "seconds");
            return null;
        }

        if (given.Count != 1)
        {
            _p.Add("scenario.stop", $"must hold exactly one of height, epochs, seconds, got {string.Join(" and ", given)}");
            return null;
        }

        var key = given[0];
        var v = _p.Whole(block, key, "scenario.stop");
        if (v is null) return null;
        if (v < 1)
        {
            _p.Add("scenario.stop." + key, $"must be at least 1, got {v}");
            return null;
        }

        var stop = new Stop(key switch { "epochs" => StopKind.Epochs, "height" => StopKind.Height, _ => StopKind.Seconds }, (ulong)v);
        if (stop.Kind == StopKind.Height && _consensus is ConsensusKind.Pos or ConsensusKind.Merge)
            _p.Add("scenario.stop.height", "applies to consensus = pow; use stop { epochs = N }");
        if (stop.Kind == StopKind.Epochs && _consensus == ConsensusKind.Pow)
            _p.Add("scenario.stop.epochs", "applies to pos and merge; use stop { height = H } for pow");
        return stop;
    }

    private NetworkSpec ParseNetwork(HObject s)
    {
        const string B = "scenario.network";
        var net = _p.Block(s, "network", "scenario", ["nodes", "topology", "degree", "latency", "loss"],
            "{ nodes = 4, latency { mean = 100ms, jitter = 50ms } }");
        if (net is null)
        {
            _nodes = s.Has("network") ? null : 4;
            return new NetworkSpec(4, NetworkSpec.FullMesh, 4, LinkSettings.None);
        }

        var nodes = _p.Whole(net, "nodes", B) ?? (net.Has("nodes") ? null : 4);
        if (nodes is < 1 or > MaxNodes)
        {
            _p.Add(B + ".nodes", $"must be between 1 and {MaxNodes}, got {nodes}");
            nodes = null;
        }

        _nodes = (int?)nodes;
        var topology = _p.Str(net, "topology", B) ?? NetworkSpec.FullMesh;
        var degree = _p.Whole(net, "degree", B);
        if (topology is not (NetworkSpec.FullMesh or NetworkSpec.RandomRegular))
            _p.Add(B + ".topology", $"must be full-mesh or random-regular, got '{topology}'");
        else if (topology == NetworkSpec.FullMesh && net.Has("degree"))
            _p.Add(B + ".degree", "applies to topology = random-regular only");
        else if (topology == NetworkSpec.RandomRegular && _nodes is < 3)
            _p.Add(B + ".topology", $"random-regular needs at least 3 nodes, got {_nodes}; use full-mesh");
        else if (topology == NetworkSpec.RandomRegular && _nodes is { } n && (net.Has("degree") ? degree : 4) is { } d && (d < 2 || d >= n))
            _p.Add(B + ".degree", $"must be in [2, nodes - 1] = [2, {n - 1}] for random-regular, got {d}");

        var before = _p.Count;
        var latency = _p.Block(net, "latency", B, ["mean", "jitter"], "{ mean = 100ms, jitter = 50ms }");
        var mean = latency is null ? 0 : _p.Millis(latency, "mean", B + ".latency") ?? 0;
        var jitter = latency is null ? 0 : _p.Millis(latency, "jitter", B + ".latency") ?? 0;
        var loss = _p.Number(net, "loss", B, "a probability in [0, 1]") ?? 0.0;
        var link = new LinkSettings(mean, jitter, loss);
        if (_p.Count == before && link.Problem is { } problem)
        {
            var colon = problem.IndexOf(':', StringComparison.Ordinal);
            var key = problem[..colon];
            _p.Add(B + "." + key, problem[(colon + 1)..].Trim());
            link = LinkSettings.None;
        }

        return new NetworkSpec((int)(nodes ?? 1), topology, (int)(degree ?? 4), link);
    }

    private ImmutableArray<Miner>? ParseMiners(HObject s)
    {
        const string Shape = "of { node = N, hashrate = H }";
        if (!s.Has("miners"))
        {
            if (_consensus is ConsensusKind.Pos) return [];
            if (_consensus is not null)
                _p.Missing(s, "scenario.miners", "missing; pow and merge need miners = [ { node = 0, hashrate = 1000 }, ... ]", "miners");
            return null;
        }

        if (_consensus == ConsensusKind.Pos)
        {
            _p.Add("scenario.miners", "applies to consensus = pow and merge only");
            return [];
        }

        var list = _p.List(s, "miners", "scenario", Shape);
        if (list is null) return null;
        var before = _p.Count;
        var miners = ImmutableArray.CreateBuilder<Miner>();
        for (var i = 0; i < list.Elements.Count; i++)
        {
            var at = $"scenario.miners[{i}]";
            if (list.Elements[i] is not HObject m)
            {
                _p.Add(at, "must be a block { node = N, hashrate = H }, got " + list.Elements[i].Render());
                continue;
            }

            _p.CheckKeys(m, at, ["node", "hashrate"]);
            var node = Node(m, at);
            var rate = _p.Whole(m, "hashrate", at);
            if (rate is null && !m.Has("hashrate")) _p.Missing(m, at + ".hashrate", "missing; hashes per second, e.g. hashrate = 1000", "hashrate");
            else if (rate is < 1) _p.Add(at + ".hashrate", $"must be a positive number of hashes per second, got {rate}");
            if (node is { } n && rate is >= 1) miners.Add(new Miner(n, (ulong)rate));
        }

        if (list.Elements.Count == 0 && _consensus != ConsensusKind.Pos) _p.Add("scenario.miners", "must name at least one miner");
        return _p.Count == before ? miners.ToImmutable() : null;
    }

    /// <summary>The <c>node</c> of a block: present, a whole number, and (when the node count is known) one of the nodes.</summary>
    private int? Node(HObject o, string at, bool required = true)
    {
        if (!o.Has("node"))
        {
            if (required) _p.Missing(o, at + ".node", "missing; " + (_nodes is { } n ? $"the index of the node, 0..{n - 1}" : "the index of the node"), "node");
            return null;
        }

        var node = _p.Whole(o, "node", at);
        if (node is null) return null;
        if (node >= 0 && (_nodes is null || node < _nodes)) return (int)node;
        _p.Add(at + ".node", _nodes is { } count ? $"unknown node {node}; nodes are 0..{count - 1}" : $"unknown node {node}; nodes are numbered from 0");
        return null;
    }
}
