// TEMPORARY: stands in for EmbeddedNetwork (p2-node) and NodeStores.InMemory (p2-chain) until those branches commit;
// deleted at the first merge that brings the real ones. Never run.
using System.Collections.Immutable;
using ActorChain.Node;
using ActorChain.Node.Configuration;
using ActorChain.Node.Faults;
using ActorChain.Node.Storage;
using ActorChain.Node.Time;
using Akka.Actor;

namespace ActorChain.Simulation
{
    /// <summary>Stub.</summary>
    public sealed class EmbeddedNetwork : ReceiveActor
    {
        /// <summary>Stub.</summary>
        public static Props Create(ChainSettings settings, ImmutableArray<NodeSpec> specs, IClock clock, IActorRef events, ulong seed,
            Func<int, NodeStores> stores) => Props.Empty;

        /// <summary>Stub.</summary>
        public sealed record GetNodes(IActorRef ReplyTo) : INoSerializationVerificationNeeded;

        /// <summary>Stub.</summary>
        public sealed record Nodes(ImmutableSortedDictionary<int, IActorRef> Up) : INoSerializationVerificationNeeded;

        /// <summary>Stub.</summary>
        public sealed record SubscribeChain(int Node, IActorRef Subscriber, bool HeadsOnly) : INoSerializationVerificationNeeded;

        /// <summary>Stub.</summary>
        public sealed record StopProducing : INoSerializationVerificationNeeded
        {
            /// <summary>Stub.</summary>
            public static StopProducing Instance { get; } = new();
        }

        /// <summary>Stub.</summary>
        public sealed record InjectFault(Fault Fault, IActorRef? ReplyTo) : INoSerializationVerificationNeeded;

        /// <summary>Stub.</summary>
        public sealed record ClearFault(Fault Fault, IActorRef? ReplyTo) : INoSerializationVerificationNeeded;
    }
}

namespace ActorChain.Simulation.Tests.Fixture
{
    /// <summary>Stub.</summary>
    internal static class PendingStores
    {
        /// <summary>Stub.</summary>
        public static NodeStores InMemory() => new(null!, null!);
    }
}
