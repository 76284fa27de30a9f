using ActorChain.Core.Crypto;
using ActorChain.Core.Pos.Model;
using ActorChain.Core.Pos.Slashing;
using CsCheck;
using static ActorChain.Core.Tests.Pos.BeaconFixture;
using static ActorChain.Core.Tests.Pos.Slashing.SlashingRulesTests;

namespace ActorChain.Core.Tests.Pos.Slashing;

/// <summary>Laws of the slasher (CONSENSUS.md §6) over generated vote streams.</summary>
public sealed class SlasherPropertyTests
{
    private static readonly Signature AnySig = Signed(5, Vote(0, 1, A)).Sig; // the slasher reads no signature

    [Fact]
    public void Never_accuses_validators_whose_sources_never_fall_and_targets_always_rise_whatever_the_delivery_order()
    {
        Gen.Select(Gen.Select(Gen.ULong[0, 2], Gen.ULong[1, 3]).Array[1, 30].Array[1, 6], Gen.Int)
            .Sample((streams, seed) =>
            {
                var votes = streams.SelectMany((steps, v) => Honest((ulong)v, steps)).ToList();
                var random = new Random(seed);
                var shuffled = votes.Concat(votes.Take(votes.Count / 3)).OrderBy(_ => random.Next()).ToList();
                var slasher = new Slasher(Minimal);
                return shuffled.All(a => slasher.OnAttestation(a) is null) && slasher.Offenders.Count == 0;
            }, iter: 200);
    }

    [Fact]
    public void Turns_any_slashable_pair_into_valid_evidence_in_either_order()
    {
        Gen.Select(Gen.ULong[0, 40], Gen.ULong[0, 40], Gen.ULong[0, 40], Gen.ULong[0, 40], Gen.Bool)
            .Where((s1, t1, s2, t2, _) => SlashingRules.IsSlashableEitherOrder(Vote(s1, t1, A), Vote(s2, t2, B)))
            .Sample((s1, t1, s2, t2, swap) =>
            {
                var first = new Attestation(3, Vote(s1, t1, A), AnySig);
                var second = new Attestation(3, Vote(s2, t2, B), AnySig);
                var slasher = new Slasher(Minimal);
                var evidence = swap
                    ? slasher.OnAttestation(second) ?? slasher.OnAttestation(first)
                    : slasher.OnAttestation(first) ?? slasher.OnAttestation(second);
                return evidence is not null
                    && SlashingRules.IsSlashableAttestationData(evidence.A1.Data, evidence.A2.Data)
                    && slasher.Offenders.SequenceEqual([3UL]);
            }, iter: 500);
    }

    private static List<Attestation> Honest(ulong validator, (ulong SourceStep, ulong TargetStep)[] steps)
    {
        var votes = new List<Attestation>();
        ulong source = 0;
        ulong target = 0;
        foreach (var (sourceStep, targetStep) in steps)
        {
            target += targetStep;
            source = Math.Min(source + sourceStep, target);
            votes.Add(new Attestation(validator, Vote(source, target, A), AnySig));
        }

        return votes;
    }
}
