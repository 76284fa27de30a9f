using System.Collections.Immutable;
using Akka.Actor;

namespace ActorChain.Node.Validators;

/// <summary>The last duties of the validators one node hosts, as their actors recorded them (local: never crosses processes).</summary>
public sealed record DutyReport(int Node, ImmutableArray<DutyReport.Duties> Validators) : INoSerializationVerificationNeeded
{
    /// <summary>One validator's last duties and the fault swapped in (null: honest).</summary>
    public sealed record Duties(string Name, ulong? LastAttestationSlot, ulong? LastAttestationTarget, ulong? LastProposalSlot,
        long Attestations, long Proposals, string? Fault, bool Answered) : INoSerializationVerificationNeeded
    {
        /// <summary>A validator that did not answer.</summary>
        public static Duties Unknown(string name, string? fault) => new(name, null, null, null, 0, 0, fault, false);
    }
}
