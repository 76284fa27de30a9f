using System.Collections.Immutable;
using ActorChain.Core.Codec;
using ActorChain.Core.Pos;
using ActorChain.Core.Pos.Epoch;
using ActorChain.Core.Pos.Model;
using ActorChain.Simulation.Outputs;

namespace ActorChain.Simulation.Tests.Outputs;

/// <summary>epochs.jsonl (SIMULATION.md): the documented fields in order, bits rightmost, FAR_FUTURE as null.</summary>
public sealed class EpochsWriterTests
{
    private static readonly Hash32 Root = Sha256.Hash([1]);

    private static EpochTransition Transition(params ValidatorTrace[] validators)
    {
        var c3 = new Checkpoint(3, Root);
        var c4 = new Checkpoint(4, Root);
        var c5 = new Checkpoint(5, Root);
        return new EpochTransition(5, 512, 500, 480, false, 0b0011, 0b0111, c3, c4, c3, c4, c5, c4,
            [.. validators], [], []);
    }

    [Fact]
    public void Writes_the_documented_fields_in_order()
    {
        var r = Root.ToString();
        EpochsWriter.Line(0, Transition(), 47, Root, null, [], trace: false).Should().Be(
            "{\"node\":0,\"epoch\":5,\"headSlot\":47,\"headRoot\":\"" + r + "\",\"totalActiveBalance\":512," +
            "\"previousTargetBalance\":500,\"currentTargetBalance\":480,\"inLeak\":false,\"bitsBefore\":\"0011\",\"bits\":\"0111\"," +
            "\"previousJustifiedBefore\":{\"epoch\":3,\"root\":\"" + r + "\"},\"currentJustifiedBefore\":{\"epoch\":4,\"root\":\"" + r + "\"}," +
            "\"finalizedBefore\":{\"epoch\":3,\"root\":\"" + r + "\"},\"previousJustified\":{\"epoch\":4,\"root\":\"" + r + "\"}," +
            "\"currentJustified\":{\"epoch\":5,\"root\":\"" + r + "\"},\"finalized\":{\"epoch\":4,\"root\":\"" + r + "\"},\"tally\":null}");
    }

    [Fact]
    public void Adds_each_validator_with_trace_and_writes_far_future_as_null()
    {
        var v = new ValidatorTrace(1, 32, 33, 32, 32, 0, 4, 7, 3, false, 0, ConsensusConfig.FarFutureEpoch, ConsensusConfig.FarFutureEpoch);

        var line = EpochsWriter.Line(2, Transition(v), 47, Root, null, ["v0", "v1"], trace: true);

        line.Should().EndWith(",\"tally\":null,\"validators\":[{\"index\":1,\"name\":\"v1\",\"balanceBefore\":32,\"balance\":33," +
            "\"effectiveBalanceBefore\":32,\"effectiveBalance\":32,\"inactivityScoreBefore\":0,\"inactivityScore\":4," +
            "\"previousFlags\":7,\"currentFlags\":3,\"slashed\":false,\"activationEpoch\":0,\"exitEpoch\":null,\"withdrawableEpoch\":null}]}");
    }

    private static readonly TargetTally Tally = new(4, Root, 480, 512, 342, true,
        [new MissingTargetVote(1, 32, MissingVoteReason.Offline), new MissingTargetVote(7, 16, MissingVoteReason.WrongSource)]);

    [Fact]
    public void Writes_the_tally_after_finalized_and_before_validators()
    {
        var r = Root.ToString();
        var v = new ValidatorTrace(1, 32, 33, 32, 32, 0, 4, 7, 3, false, 0, 9, 9);

        var line = EpochsWriter.Line(0, Transition(v), 47, Root, Tally, ["v0", "v1"], trace: true);

        line.Should().Contain("\"finalized\":{\"epoch\":4,\"root\":\"" + r + "\"},\"tally\":{\"epoch\":4,\"root\":\"" + r + "\"," +
            "\"targetStake\":480,\"totalActiveStake\":512,\"needed\":342,\"justified\":true,\"missing\":[" +
            "{\"index\":1,\"name\":\"v1\",\"stake\":32,\"reason\":\"offline\"}," +
            "{\"index\":7,\"name\":null,\"stake\":16,\"reason\":\"wrong-source\"}]},\"validators\":[");
    }

    [Fact]
    public void Writes_an_empty_missing_list_when_every_target_vote_counted() =>
        EpochsWriter.Line(0, Transition(), 47, Root, Tally with { Missing = [] }, [], trace: false)
            .Should().EndWith(",\"justified\":true,\"missing\":[]}}");

    [Fact]
    public void Leaves_validators_out_without_trace() =>
        EpochsWriter.Line(0, Transition(new ValidatorTrace(0, 1, 1, 1, 1, 0, 0, 0, 0, false, 0, 9, 9)), 1, Root, null, ["v0"], trace: false)
            .Should().NotContain("validators");

    [Fact]
    public void Writes_one_line_per_transition_to_its_file()
    {
        using var stream = new MemoryStream();
        using (var w = new EpochsWriter(stream, ImmutableArray<string>.Empty, trace: false))
        {
            w.Write(0, Transition(), 47, Root, null);
            w.Write(1, Transition(), 47, Root, Tally);
            w.Lines.Should().Be(2);
            w.Flush();
            var text = System.Text.Encoding.UTF8.GetString(stream.ToArray());
            text.Split('\n').Should().HaveCount(3).And.EndWith("");
            text.Should().StartWith("{\"node\":0,").And.Contain("\n{\"node\":1,");
            text.Split('\n')[1].Should().Contain("\"tally\":{\"epoch\":4,");
        }
    }
}
