namespace ActorChain.TestKit;

/// <summary>
/// A failed expectation about a network: its message says what was expected and what happened, e.g.
/// <c>expected epoch 3 finalized on node 2 by slot 40; it finalized epoch 1 (since slot 24)</c>. An xUnit assertion
/// failure, so runners show it as one.
/// </summary>
public sealed class SimAssertionException : Xunit.Sdk.XunitException
{
    /// <summary>A failure described by <paramref name="message"/>.</summary>
    public SimAssertionException(string message)
        : base(message)
    {
    }
}
