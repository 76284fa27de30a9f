namespace ActorChain.Core.Pos.Slashing;

/// <summary>Invalid slashing evidence: the rule it broke and the values involved (for logs).</summary>
public sealed record SlashingRejection(SlashingInvalidReason Reason, string Detail)
{
    /// <summary>"Reason: detail", for logs.</summary>
    public override string ToString() => Detail.Length == 0 ? Reason.ToString() : $"{Reason}: {Detail}";
}
