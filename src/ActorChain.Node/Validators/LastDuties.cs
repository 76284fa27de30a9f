using ActorChain.Core.Pos.Model;

namespace ActorChain.Node.Validators;

/// <summary>
/// What one <see cref="ValidatorActor"/> signed last, kept as it signs (honest or faulty): three numbers and two
/// counters on the hot path, read only when someone asks (<see cref="DutyReport"/>).
/// </summary>
internal sealed class LastDuties
{
    private ulong? _attestationSlot;
    private ulong? _attestationTarget;
    private ulong? _proposalSlot;
    private long _attestations;
    private long _proposals;

    /// <summary>Records a signed vote.</summary>
    public void Attested(AttestationData data)
    {
        _attestationSlot = data.Slot;
        _attestationTarget = data.Target.Epoch;
        _attestations++;
    }

    /// <summary>Records a signed block.</summary>
    public void Proposed(ulong slot)
    {
        _proposalSlot = slot;
        _proposals++;
    }

    /// <summary>The report of validator <paramref name="name"/>, with the kind of the fault swapped in (null: honest).</summary>
    public DutyReport.Duties Report(string name, string? fault) =>
        new(name, _attestationSlot, _attestationTarget, _proposalSlot, _attestations, _proposals, fault, true);
}
