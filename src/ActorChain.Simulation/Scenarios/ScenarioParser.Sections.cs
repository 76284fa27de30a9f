using System.Collections.Immutable;
using ActorChain.Core.Pos;

namespace ActorChain.Simulation.Scenarios;

/// <summary>The validators, consensus-overrides and expect sections.</summary>
public sealed partial class ScenarioParser
{
    private ImmutableArray<ValidatorSpec> ParseValidators(HObject s, out bool known)
    {
        const string P = "scenario.validators";
        known = true;
        if (!s.Has("validators"))
        {
            if (_consensus is ConsensusKind.Pos or ConsensusKind.Merge)
                _p.Missing(s, P, "missing; pos and merge need validators { count = 16, stake = 32 } or validators { list = [...] }", "validators");
            known = _consensus == ConsensusKind.Pow;
            return [];
        }

        if (_consensus == ConsensusKind.Pow)
        {
            _p.Add(P, "applies to consensus = pos and merge only");
            return [];
        }

        var before = _p.Count;
        var v = _p.Block(s, "validators", "scenario", ["count", "stake", "list"], "{ count = N, stake = S } or { list = [...] }");
        var specs = v is null ? [] : v.Has("list") ? ValidatorList(v, P) : ValidatorCount(v, P);
        known = _p.Count == before;
        return specs;
    }

    private ImmutableArray<ValidatorSpec> ValidatorCount(HObject v, string p)
    {
        if (!v.Has("count"))
        {
            _p.Missing(v, p + ".count", "missing; give count = N and stake = S (coins), or list = [ { name = ..., stake = ..., node = ... } ]", "count", "list");
            return [];
        }

        var count = _p.Whole(v, "count", p);
        var stake = Stake(v, p);
        if (count is null) return [];
        if (count is < 1 or > MaxValidators)
        {
            _p.Add(p + ".count", $"must be between 1 and {MaxValidators}, got {count}");
            return [];
        }

        if (stake is null) return [];
        var nodes = _nodes ?? 1;
        return [.. Enumerable.Range(0, (int)count).Select(i => new ValidatorSpec("v" + i, stake.Value, i % nodes))];
    }

    private ImmutableArray<ValidatorSpec> ValidatorList(HObject v, string p)
    {
        foreach (var key in new[] { "count", "stake" }.Where(v.Has))
            _p.Add(p + "." + key, "give either count and stake, or list, not both");
        var list = _p.List(v, "list", p, "of { name = ..., stake = ..., node = ... }");
        if (list is null) return [];
        if (list.Elements.Count == 0) _p.Add(p + ".list", "must name at least one validator");
        var names = new SortedSet<string>(StringComparer.Ordinal);
        var out_ = ImmutableArray.CreateBuilder<ValidatorSpec>();
        for (var i = 0; i < list.Elements.Count; i++)
        {
            var at = $"{p}.list[{i}]";
            if (list.Elements[i] is not HObject e)
            {
                _p.Add(at, "must be a block { name = ..., stake = ..., node = ... }, got " + list.Elements[i].Render());
                continue;
            }

            _p.CheckKeys(e, at, ["name", "stake", "node", "nodes"]);
            var name = _p.Str(e, "name", at);
            if (name is null && !e.Has("name")) _p.Missing(e, at + ".name", "missing; the validator's name (its key derives from it)", "name");
            else if (name is not null && name.Length == 0) _p.Add(at + ".name", "must not be empty");
            else if (name is not null && !names.Add(name)) _p.Add(at + ".name", $"duplicate validator '{name}'");
            var hosts = Hosts(e, at);
            var stake = Stake(e, at);
            if (name is { Length: > 0 } && hosts is { Length: > 0 } h && stake is { } g)
                out_.Add(new ValidatorSpec(name, g, h[0]) { AlsoOn = h.Length > 1 ? [.. h[1..]] : default });
        }

        return out_.ToImmutable();
    }

    /// <summary>
    /// The nodes of a <c>list</c> entry, ascending: <c>node = N</c> (0 when absent) or <c>nodes = [N, M, ...]</c> (each
    /// known, none twice, at least one); null after a problem.
    /// </summary>
    private int[]? Hosts(HObject e, string at)
    {
        if (!e.Has("nodes")) return e.Has("node") ? Node(e, at) is { } n ? [n] : null : [0];
        if (e.Has("node"))
        {
            _p.Add(at + ".nodes", "give either node = N or nodes = [N, M], not both");
            return null;
        }

        var shape = "of node indices, e.g. nodes = [0, 1]";
        if (e.Get("nodes") is not HArray list || list.Elements.Any(x => x is not HString))
        {
            _p.Add(at + ".nodes", "must be a list " + shape + ", got " + e.Get("nodes")!.Render());
            return null;
        }

        if (list.Elements.Count == 0)
        {
            _p.Add(at + ".nodes", "must name at least one node, e.g. nodes = [0, 1]");
            return null;
        }

        var hosts = new SortedSet<int>();
        var before = _p.Count;
        foreach (var text in list.Elements.Cast<HString>().Select(x => x.Text))
        {
            if (!int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n))
                _p.Add(at + ".nodes", $"must be a list {shape}, got {list.Render()}");
            else if (_nodes is { } count && n >= count)
                _p.Add(at + ".nodes", $"unknown node {n}; nodes are 0..{count - 1}");
            else if (!hosts.Add(n))
                _p.Add(at + ".nodes", $"names node {n} twice");
        }

        return _p.Count == before ? [.. hosts] : null;
    }

    private ulong? Stake(HObject o, string path)
    {
        if (o.Has("stake")) return _p.Coins(o, "stake", path);
        _p.Missing(o, path + ".stake", "missing; the stake in coins, e.g. stake = 32", "stake");
        return null;
    }

    private ImmutableSortedDictionary<string, string> ParseOverrides(HObject s, string? preset)
    {
        const string P = "scenario.consensus-overrides";
        var result = ImmutableSortedDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        var o = _p.Block(s, "consensus-overrides", "scenario", null, "{ NAME = value }");
        if (preset is null) return result.ToImmutable(); // the preset's problem is reported already
        var config = ConsensusConfig.ForPreset(preset);
        if (o is null)
        {
            _constants = config;
            return result.ToImmutable();
        }

        if (_consensus == ConsensusKind.Pow)
        {
            _p.Add(P, "applies to consensus = pos and merge only");
            return result.ToImmutable();
        }

        var ok = true;
        foreach (var key in o.Keys)
        {
            if (o.Get(key) is not HString value)
            {
                _p.Add(P + "." + key, "must be a single value such as 64, got " + o.Get(key)!.Render());
                ok = false;
                continue;
            }

            try
            {
                config = config.WithOverride(key, value.Text);
                result[key] = value.Text;
            }
            catch (ArgumentException e)
            {
                _p.Add(P + "." + key, e.Message.Replace($" (Parameter '{e.ParamName}')", string.Empty, StringComparison.Ordinal));
                ok = false;
            }
        }

        if (ok) _constants = config;
        return result.ToImmutable();
    }

    private ImmutableArray<Expectation> ParseExpects(HObject s, ImmutableArray<ValidatorSpec>? validators)
    {
        var list = _p.List(s, "expect", "scenario", "of { key = value }, e.g. [ { head-agreement = true } ]");
        if (list is null) return [];
        var result = ImmutableArray.CreateBuilder<Expectation>();
        for (var i = 0; i < list.Elements.Count; i++)
        {
            var p = $"scenario.expect[{i}]";
            if (list.Elements[i] is not HObject e)
            {
                _p.Add(p, "must be a block { key = value }, got " + list.Elements[i].Render());
                continue;
            }

            if (e.Items.Count == 0) _p.Add(p, "empty; known: " + ProblemList.List(Expectations.All));
            foreach (var key in e.Keys)
            {
                if (Expectation(e, key, p + "." + key, validators) is { } x) result.Add(x);
            }
        }

        return result.ToImmutable();
    }

    private Expectation? Expectation(HObject e, string key, string path, ImmutableArray<ValidatorSpec>? validators)
    {
        var parent = path[..path.LastIndexOf('.')];
        if (!Expectations.All.Contains(key))
        {
            _p.Add(path, "unknown expectation; known: " + ProblemList.List(Expectations.All));
            return null;
        }

        if (_consensus == ConsensusKind.Pow && key is not (Expectations.HeadAgreement or Expectations.HeightAtLeast))
        {
            _p.Add(path, "needs consensus = pos or merge");
            return null;
        }

        if (_consensus is ConsensusKind.Pos or ConsensusKind.Merge && key == Expectations.HeightAtLeast)
        {
            _p.Add(path, "applies to consensus = pow; use finalized-epoch-at-least");
            return null;
        }

        switch (key)
        {
            case Expectations.FinalizedEpochAtLeast or Expectations.HeightAtLeast:
                var n = _p.Unsigned(e, key, parent);
                return n is null ? null : new Expectation(key, n.Value, $"{key} = {n}");
            case Expectations.Slashed:
                return Slashed(e, path, validators);
            default:
                var b = _p.Bool(e, key, parent);
                return b is null ? null : new Expectation(key, b.Value, $"{key} = {(b.Value ? "true" : "false")}");
        }
    }

    private Expectation? Slashed(HObject e, string path, ImmutableArray<ValidatorSpec>? validators)
    {
        if (e.Get(Expectations.Slashed) is not HArray list || list.Elements.Any(x => x is not HString))
        {
            _p.Add(path, "must be a list of validator names, e.g. [v5], got " + e.Get(Expectations.Slashed)!.Render());
            return null;
        }

        var names = list.Elements.Cast<HString>().Select(x => x.Text).ToImmutableArray();
        var before = _p.Count;
        var seen = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var name in names)
        {
            if (validators is { } known && !known.Any(v => v.Name == name))
                _p.Add(path, $"unknown validator '{name}'; {FaultParser.Describe(known.Select(v => v.Name).ToList(), "scenario")}");
            else if (!seen.Add(name)) _p.Add(path, $"names validator '{name}' twice");
        }

        return _p.Count == before ? new Expectation(Expectations.Slashed, names, $"slashed = [{string.Join(", ", names)}]") : null;
    }
}
