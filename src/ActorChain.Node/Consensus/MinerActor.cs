using Akka.Actor;

namespace ActorChain.Node.Consensus;

/// <summary>
/// Mines on the node's head: a real SHA-256d nonce search in chunks (real time: on its own dispatcher), or block times
/// drawn from the exponential distribution of its hashrate (simulated).
/// </summary>
public sealed partial class MinerActor : ReceiveActor
{
    /// <summary>Reply with <see cref="Stats"/>.</summary>
    public sealed record GetStats(IActorRef ReplyTo) : INoSerializationVerificationNeeded;

    /// <summary>Blocks mined and hashes tried.</summary>
    public sealed record Stats(string Name, long BlocksMined, long Hashes) : INoSerializationVerificationNeeded;

    /// <summary>From now on hand mined blocks to <paramref name="Withholder"/> instead of the chain (miner faults).</summary>
    public sealed record WithholdTo(IActorRef Withholder) : INoSerializationVerificationNeeded;

    /// <summary>Hand mined blocks to the chain again.</summary>
    public sealed record Honest : INoSerializationVerificationNeeded
    {
        /// <summary>The one instance.</summary>
        public static Honest Instance { get; } = new();
    }
}
