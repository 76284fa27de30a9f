using System.Collections.Immutable;
using System.Globalization;
using ActorChain.Node.Faults;
using ActorChain.Node.Network;

namespace ActorChain.Simulation.Scenarios;

/// <summary>The fields of each fault kind, and times.</summary>
internal sealed partial class FaultParser
{
    private ImmutableArray<Fault> ParseValidatorFaults(HObject f, string p, string kind)
    {
        var names = ParseValidatorNames(f, p);
        long delay = 1;
        if (kind == "late")
        {
            if (!f.Has("delay"))
            {
                _p.Missing(f, p + ".delay", "missing; late holds each message back this long, e.g. delay = 3s", "delay");
            }
            else if (_p.Millis(f, "delay", p) is { } ms)
            {
                if (ms <= 0) _p.Add(p + ".delay", "must be a positive duration, e.g. 3s");
                delay = Math.Max(1, ms);
            }
        }

        return [.. names.Select(v => kind switch
        {
            "offline" => (Fault)new Fault.Offline(v),
            "double-vote" => new Fault.DoubleVote(v),
            "surround-vote" => new Fault.SurroundVote(v),
            "double-proposal" => new Fault.DoubleProposal(v),
            "late" => new Fault.Late(v, delay),
            _ => throw new InvalidOperationException("no validator fault " + kind),
        })];
    }

    /// <summary><c>validator = v5</c> or <c>validators = [v1, v2]</c>: exactly one, every name known, none twice.</summary>
    private List<string> ParseValidatorNames(HObject f, string p)
    {
        var one = f.Has("validator");
        var many = f.Has("validators");
        if (one == many)
        {
            if (one) _p.Add(p, "give validator or validators, not both");
            else _p.Missing(f, p, "missing validator = NAME (or validators = [A, B])", "validator", "validators");
            return [];
        }

        var key = one ? "validator" : "validators";
        var value = f.Get(key)!;
        List<string> named;
        if (one && value is HString s) named = [s.Text];
        else if (!one && value is HArray a && a.Elements.All(e => e is HString)) named = [.. a.Elements.Cast<HString>().Select(e => e.Text)];
        else
        {
            _p.Add(p + "." + key, (one ? "must be a validator name, e.g. v5" : "must be a list of validator names, e.g. [v1, v2]") + ", got " + value.Render());
            return [];
        }

        if (named.Count == 0) _p.Add(p + ".validators", "must name at least one validator");
        var seen = new SortedSet<string>(StringComparer.Ordinal);
        var result = new List<string>();
        foreach (var name in named)
        {
            if (_validators is { } known && !known.Contains(name))
            {
                _p.Add(p + "." + key, (_validatorSource == "scenario" ? $"unknown validator '{name}'" : $"validator {name} is not in the {_validatorSource}")
                    + "; " + Describe(known, _validatorSource));
            }
            else if (!seen.Add(name))
            {
                _p.Add(p + "." + key, $"names validator '{name}' twice");
            }
            else
            {
                result.Add(name);
            }
        }

        return result;
    }

    private int? ParseNode(HObject f, string p)
    {
        if (!f.Has("node"))
        {
            _p.Missing(f, p + ".node", _nodes < 0 ? "missing; the id of the node" : $"missing; the index of the node, 0..{_nodes - 1}", "node");
            return null;
        }

        var node = _p.Whole(f, "node", p);
        if (node is null) return null;
        if (IsNode(node.Value)) return (int)node.Value;
        _p.Add(p + ".node", UnknownNode(node.Value.ToString(CultureInfo.InvariantCulture)));
        return null;
    }

    private bool IsNode(long node) => node >= 0 && (_nodes < 0 ? node <= int.MaxValue : node < _nodes);

    private string UnknownNode(string node) =>
        _nodes < 0 ? $"a node is named by its id ≥ 0, got {node}" : $"unknown node {node}; nodes are 0..{_nodes - 1}";

    private Fault? ParsePowFault(HObject f, string p, string kind, bool hasUntil)
    {
        var node = ParseNode(f, p);
        if (node is { } n && _miners is { } miners && miners.All(m => m.Node != n))
            _p.Add(p + ".node", $"node {n} hosts no miner; {kind} needs one (scenario.miners)");
        if (kind == "selfish-mining") return node is null ? null : new Fault.SelfishMining(node.Value);
        Fault.ReleaseAt? release = null;
        if (f.Has("release"))
        {
            if (_p.Str(f, "release", p) is { } text) release = ParseRelease(p + ".release", text);
        }
        else if (!hasUntil)
        {
            _p.Missing(f, p + ".release", "missing; when the withheld chain is published: release = \"height H\" or \"second T\" (or give until)", "release");
        }

        return node is null ? null : new Fault.PrivateChain(node.Value, release);
    }

    private Fault.ReleaseAt? ParseRelease(string path, string text)
    {
        var parts = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length == 2 && ulong.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var v))
        {
            switch (parts[0].ToLowerInvariant())
            {
                case "height": return new Fault.ReleaseAt(Fault.ReleaseUnit.Height, v);
                case "second": return new Fault.ReleaseAt(Fault.ReleaseUnit.Second, v);
            }
        }

        _p.Add(path, $"must be \"height H\" or \"second T\", got \"{text}\"");
        return null;
    }

    private LinkFault.Latency? ParseLatency(HObject f, string p)
    {
        if (!f.Has("mean")) _p.Missing(f, p + ".mean", "missing; e.g. mean = 2s", "mean");
        var mean = _p.Millis(f, "mean", p);
        var jitter = f.Has("jitter") ? _p.Millis(f, "jitter", p) : 0;
        if (mean is null || jitter is null) return null;
        if (mean < 0) _p.Add(p + ".mean", $"must not be negative, got {mean} ms");
        else if (jitter < 0 || jitter > mean) _p.Add(p + ".jitter", $"must be between 0 and mean ({mean} ms), got {jitter} ms");
        else return new LinkFault.Latency(mean.Value, jitter.Value);
        return null;
    }

    private double? ParseLoss(HObject f, string p)
    {
        if (!f.Has("probability"))
        {
            _p.Missing(f, p + ".probability", "missing; the chance that a link drops a message, e.g. probability = 0.1", "probability");
            return null;
        }

        var loss = _p.Number(f, "probability", p, "a number in [0, 1]");
        if (loss is null || loss is >= 0 and <= 1) return loss;
        _p.Add(p + ".probability", $"must be in [0, 1], got {loss.Value.ToString(CultureInfo.InvariantCulture)}");
        return null;
    }

    private ImmutableArray<ImmutableArray<int>>? ParseGroups(HObject f, string p)
    {
        const string Shape = "must be a list of lists of node indices, e.g. [[0, 1], [2, 3]]";
        if (!f.Has("groups"))
        {
            _p.Missing(f, p + ".groups", "missing; e.g. groups = [[0, 1], [2, 3]]", "groups");
            return null;
        }

        if (f.Get("groups") is not HArray outer || outer.Elements.Any(g => g is not HArray))
        {
            _p.Add(p + ".groups", Shape + ", got " + f.Get("groups")!.Render());
            return null;
        }

        var before = _p.Count;
        var seen = new SortedSet<long>();
        var groups = ImmutableArray.CreateBuilder<ImmutableArray<int>>();
        foreach (var g in outer.Elements.Cast<HArray>())
        {
            var group = ImmutableArray.CreateBuilder<int>();
            foreach (var m in g.Elements)
            {
                if (m is not HString s || !long.TryParse(s.Text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n))
                    _p.Add(p + ".groups", "a node is named by its index, got " + m.Render());
                else if (!IsNode(n)) _p.Add(p + ".groups", UnknownNode(s.Text));
                else if (!seen.Add(n)) _p.Add(p + ".groups", $"node {n} is in two groups");
                else group.Add((int)n);
            }

            groups.Add(group.ToImmutable());
        }

        return _p.Count == before ? groups.ToImmutable() : null;
    }

    /// <summary><c>"epoch E"</c>, <c>"slot S"</c>, <c>"height H"</c> or <c>"second T"</c>, E ≥ 0, in a unit the consensus has.</summary>
    private ScenarioTime? ParseTime(string path, string text)
    {
        var parts = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        TimeKind? kind = parts.Length == 2 ? parts[0].ToLowerInvariant() switch
        {
            "epoch" => TimeKind.Epoch,
            "slot" => TimeKind.Slot,
            "height" => TimeKind.Height,
            "second" => TimeKind.Second,
            _ => null,
        } : null;
        if (kind is null || !long.TryParse(parts[1], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var v))
        {
            _p.Add(path, $"must be \"epoch E\", \"slot S\", \"height H\" or \"second T\", got \"{text}\"");
            return null;
        }

        if (v < 0)
        {
            _p.Add(path, $"is before genesis: times count from genesis, so the number must be 0 or more, got \"{text}\"");
            return null;
        }

        if (_consensus == ConsensusKind.Pow && kind is TimeKind.Epoch or TimeKind.Slot)
        {
            _p.Add(path, "times in epochs or slots need consensus = pos or merge; use \"height H\" or \"second T\"");
            return null;
        }

        if (_consensus is ConsensusKind.Pos or ConsensusKind.Merge && kind == TimeKind.Height)
        {
            _p.Add(path, "times in heights need consensus = pow; use \"epoch E\", \"slot S\" or \"second T\"");
            return null;
        }

        return new ScenarioTime(kind.Value, (ulong)v);
    }

    /// <summary>
    /// True unless <paramref name="until"/> is surely at or before <paramref name="at"/>: the same units compare
    /// directly, epochs and slots (both from PoS genesis) through SLOTS_PER_EPOCH, and with consensus = pos a second
    /// against an epoch or slot through the slot time (PoS genesis is at or after the chain's, so an epoch starts at
    /// least that many seconds in).
    /// </summary>
    private bool IsAfter(ScenarioTime until, ScenarioTime at)
    {
        if (until.Kind == at.Kind) return until.Value > at.Value;
        if (_constants is null) return true;
        var u = Slots(until);
        var a = Slots(at);
        if (u is not null && a is not null) return u > a;
        if (_consensus == ConsensusKind.Pos && until.Kind == TimeKind.Second && a is not null)
            return until.Value > a * _constants.SecondsPerSlot;
        return true;
    }

    private decimal? Slots(ScenarioTime t) => t.Kind switch
    {
        TimeKind.Epoch => (decimal)t.Value * _constants!.SlotsPerEpoch,
        TimeKind.Slot => t.Value,
        _ => null,
    };
}
