using ActorChain.Cluster.Telemetry;
using ActorChain.Node.Events;
using ActorChain.Simulation.Outputs;
using Akka.Actor;

namespace ActorChain.Cluster.Tests.Telemetry;

/// <summary>The event hub and its feed: the replay ring, the live fan-out, the seam between them, slow subscribers.</summary>
public sealed class EventFeedTests : Akka.TestKit.Xunit2.TestKit
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    private static NodeEvent Numbered(long seq) =>
        NodeEvent.Of(1000 + seq, 3, seq % 2 == 0 ? "block_imported" : "attestation", "seq", seq);

    private static long SeqOf(string line)
    {
        using var doc = System.Text.Json.JsonDocument.Parse(line);
        return doc.RootElement.GetProperty("seq").GetInt64();
    }

    [Fact]
    public void Lines_are_the_events_jsonl_lines()
    {
        var feed = new EventFeed(3);
        var e = NodeEvent.Of(42, 3, "block_rejected", "root", "ab", "slot", 7UL, "reason", "FUTURE_SLOT", "detail", "x");

        var line = feed.Append(e);

        line.Should().Be(Json.EventLine(e));
        line.Should().Be("""{"t":42,"node":3,"type":"block_rejected","root":"ab","slot":7,"reason":"FUTURE_SLOT","detail":"x"}""");
        feed.Recent().Should().Equal(line);
    }

    [Fact]
    public void The_ring_keeps_the_latest_4096_of_every_type()
    {
        var feed = new EventFeed(3);
        for (var i = 0; i < 5000; i++) feed.Append(Numbered(i));

        var kept = feed.Recent();

        kept.Should().HaveCount(EventFeed.DefaultCapacity);
        SeqOf(kept[0]).Should().Be(5000 - EventFeed.DefaultCapacity);
        SeqOf(kept[^1]).Should().Be(4999);
        kept.Should().Contain(l => l.Contains("\"type\":\"block_imported\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Replays_at_least_1000_then_goes_live()
    {
        var feed = new EventFeed(3);
        for (var i = 0; i < 3000; i++) feed.Append(Numbered(i));
        using var cts = new CancellationTokenSource(Bound);
        var e = feed.Subscribe(cts.Token).GetAsyncEnumerator(cts.Token);
        var seen = new List<long>();
        (await e.MoveNextAsync()).Should().BeTrue();
        seen.Add(SeqOf(e.Current));

        for (var i = 3000; i < 3500; i++) feed.Append(Numbered(i));
        while (seen[^1] < 3499 && await e.MoveNextAsync()) seen.Add(SeqOf(e.Current));
        await e.DisposeAsync();

        seen.Should().Equal(Enumerable.Range(0, 3500).Select(i => (long)i), "3,000 replayed, then 500 live");
    }

    [Fact]
    public async Task No_gap_and_no_duplicate_at_the_seam_while_events_keep_coming()
    {
        const int before = 3000;
        const int total = 20_000;
        var feed = new EventFeed(3, subscriberBuffer: total); // the writer may run far ahead: this test is about the seam
        for (var i = 0; i < before; i++) feed.Append(Numbered(i));
        using var cts = new CancellationTokenSource(Bound);
        var writer = Task.Run(() =>
        {
            for (var i = before; i < total; i++) feed.Append(Numbered(i)); // races with the subscription below
        });

        var appendedBefore = feed.Appended;
        var seen = new List<long>();
        await foreach (var line in feed.Subscribe(cts.Token))
        {
            seen.Add(SeqOf(line));
            if (seen[^1] == total - 1) break;
        }

        await writer;
        seen[0].Should().BeGreaterThanOrEqualTo(appendedBefore - EventFeed.DefaultCapacity, "the replay is of the latest lines");
        for (var i = 1; i < seen.Count; i++)
            seen[i].Should().Be(seen[i - 1] + 1, "no gap and no duplicate (at index {0})", i);
        feed.Subscribers.Should().Be(0, "a subscriber that stops reading is unsubscribed");
    }

    [Fact]
    public async Task A_slow_subscriber_is_dropped_with_a_last_line_and_never_blocks_the_hub()
    {
        var feed = new EventFeed(3, capacity: 100, subscriberBuffer: 16);
        var hub = Sys.ActorOf(EventHub.Create(feed, [], logEvents: false), "events");
        for (var i = 0; i < 10; i++) feed.Append(Numbered(i));
        using var cts = new CancellationTokenSource(Bound);
        var slow = feed.Subscribe(cts.Token).GetAsyncEnumerator(cts.Token);
        (await slow.MoveNextAsync()).Should().BeTrue(); // subscribed, then it stops reading
        SeqOf(slow.Current).Should().Be(0);
        AwaitCondition(() => feed.Subscribers == 1, Bound);

        for (var i = 10; i < 1010; i++) hub.Tell(Numbered(i));

        AwaitCondition(() => feed.Appended == 1010, Bound); // the hub went on: 1,000 events with its subscriber stuck
        SeqOf(feed.Recent()[^1]).Should().Be(1009);
        feed.Dropped.Should().Be(1);
        var rest = new List<string>();
        while (await slow.MoveNextAsync()) rest.Add(slow.Current);
        await slow.DisposeAsync();
        rest.Should().HaveCount(9 + 16 + 1, "the rest of its replay, the 16 lines its buffer held, then why it ended");
        rest[^1].Should().Contain("\"type\":\"subscriber_dropped\"").And.Contain("too slow");
        SeqOf(rest[^2]).Should().Be(25, "its buffer held the 16 lines after the replay, in order");
        feed.Subscribers.Should().Be(0);
    }

    [Fact]
    public void A_node_telemetry_hub_feeds_the_replay_and_the_metrics()
    {
        var telemetry = NodeTelemetry.Start(Sys, 3, Node.Configuration.ChainSettings.Defaults, hubName: "node-3-events");

        telemetry.Hub.Tell(NodeEvent.Of(5, 3, "block_rejected", "root", "ab", "slot", 9UL, "from", 1, "reason", "FUTURE_SLOT",
            "detail", "FUTURE_SLOT (slot 9, current slot 7)"));

        AwaitCondition(() => telemetry.Events.Appended == 1, Bound);
        telemetry.Events.Recent()[0].Should().Contain("\"reason\":\"FUTURE_SLOT\"");
        AwaitAssert(() => MetricsText.Value(telemetry.Metrics, "actorchain_blocks_rejected_total", ("reason", "FUTURE_SLOT")).Should().Be(1));
    }

    [Fact]
    public async Task Cancelling_a_subscription_ends_it_and_unsubscribes()
    {
        var feed = new EventFeed(3);
        feed.Append(Numbered(0));
        using var cts = new CancellationTokenSource();
        var e = feed.Subscribe(cts.Token).GetAsyncEnumerator(cts.Token);
        (await e.MoveNextAsync()).Should().BeTrue();
        var waiting = e.MoveNextAsync().AsTask();

        await cts.CancelAsync();

        (await waiting).Should().BeFalse("the stream ends quietly");
        await e.DisposeAsync();
        feed.Subscribers.Should().Be(0);
    }
}
