using ActorChain.TestKit;
using Xunit;

namespace MyChain.Tests;

public class DoubleVoteTests : ConsensusTestKit
{
    [Fact]
    public void A_double_voter_is_slashed_on_every_node()
    {
        using var net = StartNetwork(Network().Nodes(4).Validators(16, stakeCoins: 32).Pos().Seed(7));

        net.RunToEpoch(3);
        net.DoubleVote("v5");

        net.RunUntilFinalized(epoch: 5, bySlot: 64);
        net.AssertSlashed("v5");
        net.AssertNotSlashed("v0", "v1", "v2", "v3", "v4");
        net.AssertHeadsAgree();
    }
}
