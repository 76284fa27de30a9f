using System.Collections.Immutable;
using ActorChain.Core.Pos.State;
using ActorChain.Node.Events;
using ActorChain.Node.Faults;

namespace ActorChain.Simulation.Outputs;

/// <summary>
/// The slashings of a PoS simulation (SIMULATION.md, summary.json <c>slashings</c>): an event sink that keeps, per
/// validator, the first <c>evidence_found</c> and the earliest <c>validator_slashed</c> of any node. The summary lists
/// the validators the final state has slashed, so it follows the real state, not the events alone.
/// </summary>
public sealed class SlashingLedger : IEventSink
{
    private readonly SortedDictionary<long, Detection> _detections = [];
    private readonly SortedDictionary<long, long> _includedAtSlot = [];
    private readonly SortedDictionary<long, string> _includedKind = [];

    /// <inheritdoc />
    public void Accept(NodeEvent e)
    {
        if (e.Type == "evidence_found")
        {
            var index = EventFields.Long(e, "index");
            _detections.TryAdd(index, new Detection(e.Node, EventFields.Long(e, "detectedAtSlot"), EventFields.Text(e, "kind"),
                EventFields.Long(e, "epoch")));
        }
        else if (e.Type == "validator_slashed")
        {
            var index = EventFields.Long(e, "index");
            var slot = EventFields.Long(e, "includedAtSlot");
            if (!_includedAtSlot.TryGetValue(index, out var known) || slot < known)
            {
                _includedAtSlot[index] = slot;
                _includedKind[index] = EventFields.Text(e, "kind");
            }
        }
    }

    /// <summary>
    /// One entry per validator <paramref name="state"/> has slashed, by index: <c>index, name, kind, epoch,
    /// detectedAtSlot, includedAtSlot, node</c> (the node that found the evidence first). A value no event gave is null.
    /// </summary>
    public ImmutableArray<JsonMap> Summary(BeaconState state, IReadOnlyList<string> names)
    {
        var output = ImmutableArray.CreateBuilder<JsonMap>();
        for (var i = 0; i < state.ValidatorCount; i++)
        {
            if (!state.Validators[i].Slashed) continue;
            _detections.TryGetValue(i, out var d);
            var kind = _includedKind.TryGetValue(i, out var k) ? k : d?.Kind;
            output.Add(new JsonMap
            {
                ["index"] = i,
                ["name"] = i < names.Count ? names[i] : null,
                ["kind"] = kind,
                ["epoch"] = d?.Epoch,
                ["detectedAtSlot"] = d?.Slot,
                ["includedAtSlot"] = _includedAtSlot.TryGetValue(i, out var s) ? s : null,
                ["node"] = d?.Node,
            });
        }

        return output.ToImmutable();
    }

    /// <summary>The validators a double-signing fault names: what <c>not-slashed-honest</c> may find slashed.</summary>
    public static ImmutableSortedSet<string> DoubleSigners(IEnumerable<Fault> faults) =>
        faults.Where(f => f is Fault.DoubleVote or Fault.SurroundVote or Fault.DoubleProposal)
            .Select(f => ((ValidatorFault)f).Validator)
            .ToImmutableSortedSet(StringComparer.Ordinal);

    private sealed record Detection(int Node, long Slot, string Kind, long Epoch);
}
