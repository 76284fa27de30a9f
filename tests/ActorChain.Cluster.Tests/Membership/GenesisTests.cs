using System.Collections.Immutable;
using ActorChain.Cluster.Membership;
using ActorChain.Core;
using ActorChain.Node.Configuration;

namespace ActorChain.Cluster.Tests.Membership;

public sealed class GenesisTests
{
    private static readonly ChainSettings Base = ChainSettings.Defaults with
    {
        GenesisTimestamp = 1_767_225_600_000,
        Validators = [new("alice", Units.Coins(32)), new("bob", Units.Coins(32))],
    };

    private static Node.Network.Wire.Hello Hello(ChainSettings s, bool pos = true, int id = 1) =>
        Genesis.HelloOf(id, s, pos, 18081, ["alice"]);

    [Fact]
    public void The_digest_is_hex_sha256_and_a_function_of_the_settings()
    {
        var d = Genesis.Digest(Base, pos: true);
        d.Should().MatchRegex("^[0-9a-f]{64}$");
        Genesis.Digest(Base with { }, pos: true).Should().Be(d);
    }

    [Fact]
    public void Every_part_of_the_genesis_changes_the_digest()
    {
        var d = Genesis.Digest(Base, pos: true);
        ChainSettings[] variants =
        [
            Base with { Validators = [new("alice", Units.Coins(64)), new("bob", Units.Coins(32))] },
            Base with { Validators = [new("bob", Units.Coins(32)), new("alice", Units.Coins(32))] },
            Base with { GenesisTimestamp = Base.GenesisTimestamp + 1 },
            Base with { Consensus = Base.Consensus with { MergeAtHeight = 40 } },
            Base with { ChainSeed = "other" },
            Base with { Accounts = [.. Base.Accounts.Add(new NamedAmount("erin", 1))] },
            Base with { Pow = Base.Pow.WithBlockTimeMillis(1_000) },
            Base with { Consensus = Base.Consensus with { Config = Base.Consensus.Config.WithOverride("SLOTS_PER_EPOCH", 4) } },
        ];
        variants.Select(v => Genesis.Digest(v, pos: true)).Should().OnlyHaveUniqueItems().And.NotContain(d);
        Genesis.Digest(Base, pos: false).Should().NotBe(d);
    }

    [Fact]
    public void The_same_genesis_has_no_difference_whatever_the_node_id_port_and_hosted()
    {
        var theirs = Genesis.HelloOf(2, Base, true, 18082, ["bob"]);
        Genesis.Difference(Hello(Base), theirs).Should().BeNull();
    }

    [Fact]
    public void A_stake_difference_is_named_in_coins()
    {
        var theirs = Hello(Base with { Validators = [new("alice", Units.Coins(64)), new("bob", Units.Coins(32))] });
        Genesis.Difference(Hello(Base), theirs).Should()
            .Be("stake of alice is 32 here, 64 there (give every node the same --stake flags)");
    }

    [Fact]
    public void The_first_difference_is_named_in_words()
    {
        var mine = Hello(Base);
        Genesis.Difference(mine, Hello(Base with { Validators = [new("alice", Units.Coins(32))] })).Should()
            .StartWith("2 genesis validator(s) here, 1 there");
        Genesis.Difference(mine, Hello(Base with { Validators = [new("alice", Units.Coins(32)), new("carol", Units.Coins(32))] }))
            .Should().StartWith("genesis validator 1 is bob here, carol there");
        Genesis.Difference(mine, Hello(Base with { GenesisTimestamp = 5 })).Should()
            .StartWith("genesis time is 1767225600000 here, 5 there");
        Genesis.Difference(mine, Hello(Base, pos: false)).Should().StartWith("consensus is --pos here, --pow there");
        Genesis.Difference(mine, Hello(Base with { Consensus = Base.Consensus with { MergeAtHeight = 40 } })).Should()
            .StartWith("merge height is none here, 40 there");
        Genesis.Difference(mine, Hello(Base with { ChainSeed = "other" })).Should()
            .StartWith("genesis digest is " + mine.GenesisDigest[..12] + " here, ");
    }

    [Fact]
    public void Missing_stakes_are_named_missing()
    {
        var mine = Hello(Base);
        var theirs = mine with { StakesGwei = ImmutableArray.Create(Units.Coins(32)) };
        Genesis.Difference(mine, theirs).Should().StartWith("stake of bob is 32 here, missing there");
    }
}
