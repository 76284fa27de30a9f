namespace ActorChain.Core.Pow;

/// <summary>A block's rejection: the rule it broke (CONSENSUS.md §3) and the values involved.</summary>
public sealed record BlockRejection(PowInvalidReason Reason, string Detail)
{
    /// <summary>"reason description: detail", for logs.</summary>
    public string Describe() => Detail.Length == 0 ? Reason.Describe() : Reason.Describe() + ": " + Detail;
}
