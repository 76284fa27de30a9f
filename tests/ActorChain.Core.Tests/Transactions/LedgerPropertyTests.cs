using System.Numerics;
using ActorChain.Core.Crypto;
using ActorChain.Core.Ledger;
using ActorChain.Core.Transactions;
using CsCheck;
using static ActorChain.Core.Tests.TestKeys;

namespace ActorChain.Core.Tests.Transactions;

/// <summary>Laws of CONSENSUS.md §2 checked over generated inputs.</summary>
public sealed class LedgerPropertyTests
{
    private static readonly SigningKey[] Senders = [Alice, Bob, Carol, Dave];

    /// <summary>The README's formula, in arbitrary precision: max(1, baseFee + delta) capped at 2^63 − 1.</summary>
    private static ulong ReferenceNextBaseFee(ulong baseFee, int txCount)
    {
        var scaled = (BigInteger)baseFee * (txCount - 64);
        var delta = FloorDiv(FloorDiv(scaled, 64), 8);
        if (txCount > 64)
        {
            delta = BigInteger.Max(delta, 1);
        }

        return (ulong)BigInteger.Min(BigInteger.Max(baseFee + delta, 1), long.MaxValue);
    }

    private static BigInteger FloorDiv(BigInteger a, BigInteger b)
    {
        var q = BigInteger.DivRem(a, b, out var r);
        return r.Sign < 0 ? q - 1 : q;
    }

    [Fact]
    public void Next_base_fee_follows_the_formula_with_floor_division() =>
        Gen.Select(Gen.OneOf(Gen.ULong[1, 1_000_000], Gen.ULong[1, ulong.MaxValue]), Gen.Int[0, 128])
            .Sample((fee, n) => Fees.NextBaseFee(fee, n).Should().Be(ReferenceNextBaseFee(fee, n)));

    [Fact]
    public void Next_base_fee_moves_with_the_load()
    {
        Gen.Select(Gen.ULong[1, long.MaxValue], Gen.Int[0, 128]).Sample((fee, n) =>
        {
            var next = Fees.NextBaseFee(fee, n);
            if (n == 64)
            {
                next.Should().Be(fee);
            }
            else if (n > 64)
            {
                next.Should().BeGreaterThanOrEqualTo(Math.Min(fee + 1, long.MaxValue)).And.BeLessThanOrEqualTo(long.MaxValue);
            }
            else
            {
                next.Should().BeLessThan(Math.Max(fee, 2)).And.BeGreaterThanOrEqualTo(1);
            }
        });
    }

    [Fact]
    public void A_block_conserves_gwei_burning_the_base_fees_and_owing_the_tips() =>
        Gen.Select(Gen.ULong[1, 50], Gen.Select(Gen.Int[0, 3], Gen.Int[0, 3], Gen.ULong[1, 3_000_000_000], Gen.ULong[0, 80], Gen.ULong[0, 30]).Array[0, 12])
            .Sample((baseFee, plan) =>
            {
                var parent = new LedgerState(
                    Accounts.Of(Senders.Select(k => new Account(k.Address, Coins(5), 0))), baseFee,
                    [RegistryEntry.Of(Validator0.PublicKey, Coins(32))]);
                var applier = TxApplier.On(parent);
                var nonces = new ulong[Senders.Length];
                ulong burned = 0;
                ulong staked = 0;
                foreach (var (from, to, amount, maxFee, tip) in plan)
                {
                    Transaction tx = to == 3 && from == 0
                        ? Deposit.Sign(Senders[from], Validator0.PublicKey, amount, maxFee, tip, nonces[from])
                        : Transfer.Sign(Senders[from], Senders[to].Address, amount, maxFee, tip, nonces[from]);
                    if (applier.TryApply(tx) is null)
                    {
                        nonces[from]++;
                        burned += baseFee;
                        staked += tx is Deposit d ? d.Amount : 0;
                    }
                }

                var tips = applier.Tips;
                var post = applier.Finish();
                post.Accounts.TotalBalance().Should().Be(parent.Accounts.TotalBalance() - burned - tips - staked);
                post.Registry.Sum(e => (decimal)e.Stake).Should().Be(parent.Registry.Sum(e => (decimal)e.Stake) + staked);
                post.BaseFee.Should().Be(Fees.NextBaseFee(baseFee, applier.Count));
            }, iter: 40);
}
