namespace ActorChain.Node.Configuration;

/// <summary>How miners find blocks: a real SHA-256d nonce search, or block times drawn from each miner's hashrate.</summary>
public enum PowMode
{
    /// <summary>Real SHA-256d search; blocks must meet their target.</summary>
    Real,

    /// <summary>Block times drawn from the exponential distribution; the hash ≤ target check is skipped.</summary>
    Simulated,
}
