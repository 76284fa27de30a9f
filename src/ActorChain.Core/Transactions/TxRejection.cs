namespace ActorChain.Core.Transactions;

/// <summary>A transaction's rejection: the rule it broke and the values involved, e.g. "nonce 3, account nonce 5".</summary>
public sealed record TxRejection(TxInvalidReason Reason, string Detail)
{
    /// <summary>"reason description: detail", for logs and for the mempool's answer.</summary>
    public string Describe() => Detail.Length == 0 ? Reason.Describe() : $"{Reason.Describe()}: {Detail}";
}
