namespace ActorChain.Core.Pos.Epoch;

/// <summary>
/// The inputs of §5.5 step 1, each <c>max(INCREMENT, Σ)</c> as Ethereum's <c>get_total_balance</c>: the total active
/// balance and the unslashed TARGET balances of the previous and current epochs.
/// </summary>
public sealed record TargetBalances(ulong TotalActiveBalance, ulong PreviousTargetBalance, ulong CurrentTargetBalance);
