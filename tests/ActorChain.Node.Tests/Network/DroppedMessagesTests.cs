using ActorChain.Node.Network;
using Akka.Actor;

namespace ActorChain.Node.Tests.Network;

/// <summary>Refused peer messages are counted by reason, once per actor system.</summary>
public sealed class DroppedMessagesTests
{
    [Fact]
    public void Counts_by_reason_per_actor_system()
    {
        using var a = ActorSystem.Create("a");
        using var b = ActorSystem.Create("b");
        DroppedMessages.Get(a).Should().BeSameAs(DroppedMessages.Get(a));
        DroppedMessages.Get(a).Record(DroppedMessages.Reason.Oversized);
        DroppedMessages.Get(a).Record(DroppedMessages.Reason.Oversized);
        DroppedMessages.Get(a).Record(DroppedMessages.Reason.Malformed);

        DroppedMessages.Get(a).Counts().Select(kv => (DroppedMessages.Label(kv.Key), kv.Value))
            .Should().Equal(("truncated", 0L), ("oversized", 2L), ("malformed", 1L));
        DroppedMessages.Get(b).Count(DroppedMessages.Reason.Oversized).Should().Be(0);
    }
}
