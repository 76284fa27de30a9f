namespace ActorChain.Core.Pos.ForkChoice;

/// <summary>A block or attestation the fork-choice store refused: the rule it broke and the values involved (for logs).</summary>
public sealed record ForkChoiceRejection(ForkChoiceInvalidReason Reason, string Detail)
{
    /// <summary>"Reason: detail", for logs.</summary>
    public override string ToString() => Detail.Length == 0 ? Reason.ToString() : $"{Reason}: {Detail}";
}
