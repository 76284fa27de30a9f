namespace ActorChain.Core.Pos.Slashing;

/// <summary>Invalid slashing evidence: the rule it broke and the values involved (for logs).</summary>
public sealed record SlashingRejection(SlashingInvalidReason Reason, string Detail)
{
    /// <summary>"rule in words: detail", for logs.</summary>
    public string Describe() => Detail.Length == 0 ? Reason.Describe() : $"{Reason.Describe()}: {Detail}";

    /// <summary>The reason's name and the detail.</summary>
    public override string ToString() => $"{Reason} ({Detail})";
}

/// <summary>Descriptions of <see cref="SlashingInvalidReason"/> values.</summary>
public static class SlashingInvalidReasonExtensions
{
    /// <summary>The rule the reason names, in words.</summary>
    public static string Describe(this SlashingInvalidReason reason) => reason switch
    {
        SlashingInvalidReason.SlotMismatch => "the two headers are for different slots",
        SlashingInvalidReason.ProposerMismatch => "the two headers name different proposers",
        SlashingInvalidReason.SameHeader => "the two headers have the same root",
        SlashingInvalidReason.ValidatorMismatch => "the two attestations are by different validators",
        SlashingInvalidReason.NotSlashableData => "the attestation data is neither a double vote nor a surround vote, in either order",
        SlashingInvalidReason.UnknownValidator => "no validator in the registry has this index",
        SlashingInvalidReason.ValidatorNotSlashable => "the validator is already slashed, not yet active or already withdrawable",
        SlashingInvalidReason.BadSignature => "a signature does not verify",
        _ => reason.ToString(),
    };
}
