using ActorChain.Core.Codec;
using ActorChain.Core.Ledger;
using ActorChain.Core.Pos.Model;
using ActorChain.Core.Pos.State;
using ActorChain.Core.Tests.Pos.Model;
using CsCheck;

namespace ActorChain.Core.Tests.Pos.State;

/// <summary>Random states round-trip through the canonical form of the golden README, and their root is its hash.</summary>
public sealed class BeaconStateCodecPropertyTests
{
    private static readonly Gen<BeaconState> States =
        from n in Gen.Int[0, 6]
        from validators in ModelGens.Validator.Array[n]
        from balances in Gen.ULong.Array[n]
        from previous in Gen.Byte[0, 7].Array[n]
        from current in Gen.Byte[0, 7].Array[n]
        from scores in Gen.ULong.Array[n]
        from mixes in ModelGens.Hash.Array[0, 4]
        from roots in ModelGens.Hash.Array[0, 4]
        from slashings in Gen.ULong.Array[0, 4]
        from slot in Gen.ULong
        from header in Gen.Bool.SelectMany(b => b ? ModelGens.Header.Select(h => (BeaconBlockHeader?)h) : Gen.Const((BeaconBlockHeader?)null))
        from bits in Gen.Byte[0, 15]
        from checkpoints in ModelGens.Checkpoint.Array[3]
        from baseFee in Gen.ULong
        select new BeaconState(slot, slot / 3, checkpoints[0].Root, header, validators, balances, mixes, roots, slashings,
            previous, current, bits, checkpoints[0], checkpoints[1], checkpoints[2], scores, Accounts.Empty, baseFee);

    [Fact]
    public void Random_states_round_trip_and_their_root_is_the_hash_of_their_bytes()
    {
        States.Sample(s =>
        {
            var bytes = s.Encode();
            var back = BeaconState.Decode(bytes, out var reason);
            reason.Should().BeNull();
            back!.Encode().Should().Equal(bytes);
            back.Root().Should().Be(Sha256.Hash(bytes));
            s.Root().Should().Be(back.Root());
            s.Copy().Encode().Should().Equal(bytes);
        }, iter: 40);
    }

    [Fact]
    public void A_short_input_claiming_huge_vectors_is_rejected_as_truncated_before_they_are_allocated()
    {
        var w = new CanonicalWriter();
        w.U64Le(0).Fixed(Hash32.Zero).U32Le(0).U64Le(0).Bool(false).U32Le((uint)BeaconState.MaxU64Vector);
        var bytes = w.ToArray();
        BeaconState.Decode(bytes, out _); // warm up
        var before = GC.GetAllocatedBytesForCurrentThread();

        BeaconState.Decode(bytes, out var reason).Should().BeNull();

        (GC.GetAllocatedBytesForCurrentThread() - before).Should().BeLessThan(1 << 20);
        reason.Should().Contain("truncated");
    }
}
