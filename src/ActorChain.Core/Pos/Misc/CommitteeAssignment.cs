namespace ActorChain.Core.Pos.Misc;

/// <summary>A validator's attestation duty in one epoch: committee <c>(Slot, CommitteeIndex)</c>, at <c>Position</c> in it (§5.1).</summary>
public readonly record struct CommitteeAssignment(ulong Slot, ulong CommitteeIndex, int Position);
