using System.Collections.Immutable;
using ActorChain.Node.Events;
using ActorChain.Node.Faults;
using ActorChain.Simulation.Outputs;
using ActorChain.Simulation.Scenarios;

namespace ActorChain.Simulation.Running;

/// <summary>
/// What each injected fault did, read from the event stream, for the <c>faults</c> list of summary.json: the duties a
/// validator fault bent (SIMULATION.md, "Faults on duties": a validator without a proposal duty in its window never
/// double-proposes, and the summary says so), the blocks a miner fault withheld and released, and any refusal.
/// </summary>
public sealed class FaultOutcomes(ImmutableArray<FaultSpec> specs) : IEventSink
{
    /// <summary>Per "validator|fault": the slots of the duties the fault bent.</summary>
    private readonly SortedDictionary<string, SortedSet<long>> _bent = new(StringComparer.Ordinal);

    /// <summary>Per "validator|fault": the duties where there was nothing to bend.</summary>
    private readonly SortedDictionary<string, SortedSet<long>> _skipped = new(StringComparer.Ordinal);
    private readonly SortedDictionary<int, long> _withheld = [];
    private readonly SortedDictionary<int, long> _released = [];
    private readonly SortedDictionary<string, string> _rejected = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public void Accept(NodeEvent e)
    {
        switch (e.Type)
        {
            case "attestation" or "block_proposed" or "duty_skipped":
                if (e["fault"] is not null) Slots(_bent, e).Add(EventFields.Long(e, "slot"));
                break;
            case "fault_skipped":
                Slots(_skipped, e).Add(EventFields.Long(e, "slot"));
                break;
            case "block_withheld":
                _withheld[e.Node] = _withheld.GetValueOrDefault(e.Node) + 1;
                break;
            case "blocks_released":
                _released[e.Node] = _released.GetValueOrDefault(e.Node) + EventFields.Long(e, "count");
                break;
            case "fault_rejected":
                _rejected[EventFields.Text(e, "fault")] = EventFields.Text(e, "detail");
                break;
        }
    }

    /// <summary>One entry per fault injected, in scenario order: kind, fault, at, until, then validator and duties or node, withheld and released, then note.</summary>
    public ImmutableArray<JsonMap> Summary()
    {
        var output = ImmutableArray.CreateBuilder<JsonMap>();
        foreach (var spec in specs)
        {
            foreach (var fault in spec.Faults)
            {
                var m = new JsonMap
                {
                    ["kind"] = fault.Kind,
                    ["fault"] = fault.Describe(),
                    ["at"] = spec.At.ToString(),
                    ["until"] = spec.Until?.ToString(),
                };
                string? note = null;
                if (fault is ValidatorFault v)
                {
                    var key = v.Validator + "|" + v.Kind;
                    var duties = _bent.TryGetValue(key, out var b) ? b.Count : 0;
                    var empty = _skipped.TryGetValue(key, out var s) ? s.Count : 0;
                    m["validator"] = v.Validator;
                    m["duties"] = duties;
                    note = NoteOf(v, spec, duties, empty);
                }
                else if (fault is PowFault p)
                {
                    m["node"] = p.Node;
                    m["withheld"] = _withheld.GetValueOrDefault(p.Node);
                    m["released"] = _released.GetValueOrDefault(p.Node);
                }

                if (_rejected.TryGetValue(fault.Describe(), out var refusal)) note = "refused: " + refusal;
                m["note"] = note;
                output.Add(m);
            }
        }

        return output.ToImmutable();
    }

    private static SortedSet<long> Slots(SortedDictionary<string, SortedSet<long>> map, NodeEvent e)
    {
        var key = EventFields.Text(e, "validator") + "|" + EventFields.Text(e, "fault");
        if (!map.TryGetValue(key, out var slots)) map[key] = slots = [];
        return slots;
    }

    private static string? NoteOf(ValidatorFault v, FaultSpec spec, int duties, int empty)
    {
        var window = "from " + spec.At + (spec.Until is null ? " to the end of the run" : " to " + spec.Until);
        if (v is Fault.DoubleProposal && duties == 0)
        {
            return empty > 0
                ? $"{v.Validator} proposed {empty} time(s) {window} with an empty body, so both blocks would have been the same: it never double-proposed"
                : $"{v.Validator} had no proposal duty {window}: it never double-proposed";
        }

        if (duties == 0)
        {
            return empty > 0
                ? $"{v.Validator} found nothing to bend at {empty} duty(ies) {window}: the fault never acted"
                : $"{v.Validator} had no duty {window}: the fault never acted";
        }

        return null;
    }
}
