using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using ActorChain.Cluster.Hosting;
using Akka.Actor;
using Prometheus;

namespace ActorChain.Cluster.Tests.Http;

/// <summary>The API over one real node (PoW, no miners, real time): status, tx, account, merge, validators, errors, metrics, events.</summary>
public sealed class NodeApiTests : Akka.TestKit.Xunit2.TestKit
{
    private static async Task<(HttpStatusCode Status, JsonNode? Body, string Text)> Send(HttpClient c, HttpMethod method, string path,
        string? body = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        using var response = await c.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        JsonNode? json = null;
        if (response.Content.Headers.ContentType?.MediaType == "application/json")
            json = JsonNode.Parse(text);
        return (response.StatusCode, json, text);
    }

    private async Task<(FakeBackend Backend, ApiHost Host)> Node(int id = 1, int validators = 4, params string[] hosted)
    {
        var settings = FakeBackend.TestSettings(validators);
        var guardian = FakeBackend.RealNode(Sys, id, settings, hosted);
        var backend = new FakeBackend(id, Sys, guardian, settings, hosted);
        var host = await ApiHost.StartAsync(backend);
        backend.View.Current = [backend.Member(host.Port, self: true)];
        return (backend, host);
    }

    [Fact]
    public async Task Status_shows_this_node_with_its_address_port_and_validators()
    {
        var (_, host) = await Node(1, 4, "v0", "v2");
        await using var _ = host;
        var (status, body, _) = await Send(host.Client, HttpMethod.Get, "/api/status");
        status.Should().Be(HttpStatusCode.OK);
        body!["node"]!.GetValue<int>().Should().Be(1);
        body["address"]!.GetValue<string>().Should().Be("127.0.0.1:25521");
        body["httpPort"]!.GetValue<int>().Should().Be(host.Port);
        body["member"]!.GetValue<string>().Should().Be("Up");
        body["headHeight"]!.GetValue<ulong>().Should().Be(0);
        body["headHash"]!.GetValue<string>().Should().NotBeEmpty();
        body["validators"]!.AsArray().Select(v => v!.GetValue<string>()).Should().Equal("v0", "v2");
        body["slot"].Should().BeNull();
    }

    [Fact]
    public async Task Cluster_status_asks_each_member_and_leaves_a_silent_one_null()
    {
        var (one, host1) = await Node(1);
        var (two, host2) = await Node(2, 4, "v1");
        await using var _ = host1;
        await using var __ = host2;
        one.View.Current = [one.Member(host1.Port, self: true), two.Member(host2.Port),
            new MemberView(3, "akka.tcp://actorchain@127.0.0.1:25523", ApiHost.DeadPort(), "Up", ["v3"], false)];

        var (status, body, _) = await Send(host1.Client, HttpMethod.Get, "/api/status?cluster=true");

        status.Should().Be(HttpStatusCode.OK);
        var rows = body!.AsArray();
        rows.Select(r => r!["node"]!.GetValue<int>()).Should().Equal(1, 2, 3);
        rows[1]!["headHeight"]!.GetValue<ulong>().Should().Be(0);
        rows[1]!["validators"]!.AsArray().Select(v => v!.GetValue<string>()).Should().Equal("v1");
        rows[1]!["address"]!.GetValue<string>().Should().Be("127.0.0.1:25522");
        rows[2]!["headHeight"].Should().BeNull();
        rows[2]!["headHash"].Should().BeNull();
        rows[2]!["member"]!.GetValue<string>().Should().Be("Up");
    }

    [Fact]
    public async Task Two_sends_in_a_row_both_land_and_the_account_counts_them_as_pending()
    {
        var (_, host) = await Node();
        await using var _ = host;
        const string tx = """{"from": "alice", "to": "bob", "amount": "1.5"}""";

        var first = await Send(host.Client, HttpMethod.Post, "/api/tx", tx);
        var second = await Send(host.Client, HttpMethod.Post, "/api/tx", tx);

        first.Status.Should().Be(HttpStatusCode.Accepted, first.Text);
        second.Status.Should().Be(HttpStatusCode.Accepted, second.Text);
        first.Body!["nonce"]!.GetValue<ulong>().Should().Be(0);
        second.Body!["nonce"]!.GetValue<ulong>().Should().Be(1);
        second.Body["result"]!.GetValue<string>().Should().Be("accepted");
        second.Body["amount"]!.GetValue<string>().Should().Be("1.5");

        var (status, account, _) = await Send(host.Client, HttpMethod.Get, "/api/account/alice");
        status.Should().Be(HttpStatusCode.OK);
        account!["nonce"]!.GetValue<ulong>().Should().Be(0);
        account["pendingNonce"]!.GetValue<ulong>().Should().Be(2);
        account["era"]!.GetValue<string>().Should().Be("pow");
        account["balance"]!.GetValue<string>().Should().Be("1000000");
        account["address"]!.GetValue<string>().Should().StartWith("0x").And.HaveLength(42);
    }

    [Fact]
    public async Task A_transaction_the_mempool_refuses_is_a_400_with_its_reason()
    {
        var (_, host) = await Node();
        await using var _ = host;
        var (status, body, _) = await Send(host.Client, HttpMethod.Post, "/api/tx",
            """{"from": "nobody", "to": "bob", "amount": "1"}""");
        status.Should().Be(HttpStatusCode.BadRequest);
        body!["kind"]!.GetValue<string>().Should().Be("rejected");
        body["error"]!.GetValue<string>().Should().StartWith("rejected: ");
        body["reason"].Should().NotBeNull();
    }

    [Theory]
    [InlineData("{\"from\": \"alice\", \"to\": \"bob\"", "not JSON")]
    [InlineData("[1, 2]", "must be a JSON object")]
    [InlineData("{\"from\": \"alice\", \"to\": \"bob\", \"amount\": \"1\", \"colour\": \"red\"}", "unknown field 'colour'")]
    [InlineData("{\"from\": \"alice\", \"to\": \"bob\"}", "amount is required")]
    [InlineData("{\"from\": \"alice\", \"to\": \"bob\", \"amount\": \"1.0000000001\"}", "amount")]
    [InlineData("{\"from\": \"alice\", \"to\": \"0x12\", \"amount\": \"1\"}", "to must be a name or 0x")]
    [InlineData("{\"from\": \"alice\", \"to\": \"bob\", \"amount\": \"1\", \"nonce\": -1}", "nonce must be a whole number")]
    public async Task A_malformed_transaction_is_a_400_naming_the_problem(string body, string reason)
    {
        var (_, host) = await Node();
        await using var _ = host;
        var (status, json, _) = await Send(host.Client, HttpMethod.Post, "/api/tx", body);
        status.Should().Be(HttpStatusCode.BadRequest);
        json!["kind"]!.GetValue<string>().Should().Be("bad-request");
        json["error"]!.GetValue<string>().Should().Contain(reason);
    }

    [Fact]
    public async Task An_oversized_body_is_a_json_413_that_does_not_echo_it()
    {
        var (_, host) = await Node();
        await using var _ = host;
        var huge = "{\"from\": \"" + new string('a', 2 << 20) + "\"}";

        var (status, body, text) = await Send(host.Client, HttpMethod.Post, "/api/tx", huge);

        status.Should().Be(HttpStatusCode.RequestEntityTooLarge);
        body!["kind"]!.GetValue<string>().Should().Be("too-large");
        body["error"]!.GetValue<string>().Should().Contain("1 MiB");
        text.Length.Should().BeLessThan(300);
    }

    [Fact]
    public async Task An_oversized_chunked_body_without_a_length_is_a_json_413_too()
    {
        var (_, host) = await Node();
        await using var _ = host;
        using var content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes("{\"from\": \"" + new string('b', 3 << 20) + "\"}")));
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/merge") { Content = content };
        request.Headers.TransferEncodingChunked = true;

        using var response = await host.Client.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.RequestEntityTooLarge);
        var text = await response.Content.ReadAsStringAsync();
        JsonNode.Parse(text)!["kind"]!.GetValue<string>().Should().Be("too-large");
        text.Length.Should().BeLessThan(300);
    }

    [Fact]
    public async Task A_long_bad_value_is_echoed_cut_short()
    {
        var (_, host) = await Node();
        await using var _ = host;
        var (status, _, text) = await Send(host.Client, HttpMethod.Post, "/api/tx",
            "{\"from\": \"" + new string('x', 100_000) + "\", \"to\": \"bob\", \"amount\": \"1\"}");
        status.Should().Be(HttpStatusCode.BadRequest);
        text.Length.Should().BeLessThan(400);
    }

    [Fact]
    public async Task Account_of_a_bad_name_is_a_400_and_of_an_unknown_one_is_empty()
    {
        var (_, host) = await Node();
        await using var _ = host;
        (await Send(host.Client, HttpMethod.Get, "/api/account/al%20ice")).Status.Should().Be(HttpStatusCode.BadRequest);
        var (status, body, _) = await Send(host.Client, HttpMethod.Get, "/api/account/zed");
        status.Should().Be(HttpStatusCode.OK);
        body!["balanceGwei"]!.GetValue<ulong>().Should().Be(0);
        body["pendingNonce"]!.GetValue<ulong>().Should().Be(0);
    }

    [Fact]
    public async Task Merge_is_202_then_a_bad_height_400_and_without_validators_409()
    {
        var (_, host) = await Node();
        await using var _ = host;
        var ok = await Send(host.Client, HttpMethod.Post, "/api/merge", """{"atHeight": 5}""");
        ok.Status.Should().Be(HttpStatusCode.Accepted, ok.Text);
        ok.Body!["atHeight"]!.GetValue<ulong>().Should().Be(5);
        var bad = await Send(host.Client, HttpMethod.Post, "/api/merge", """{"atHeight": 0}""");
        bad.Status.Should().Be(HttpStatusCode.BadRequest);
        bad.Body!["error"]!.GetValue<string>().Should().Contain("atHeight");

        var (_, bare) = await Node(2, validators: 0);
        await using var __ = bare;
        var refused = await Send(bare.Client, HttpMethod.Post, "/api/merge", """{"atHeight": 5}""");
        refused.Status.Should().Be(HttpStatusCode.Conflict, refused.Text);
        refused.Body!["error"]!.GetValue<string>().Should().Contain("no validators");
    }

    [Fact]
    public async Task Validators_before_the_merge_are_the_registry_all_pending_with_their_hosts()
    {
        var (one, host) = await Node(1, 4, "v0");
        await using var _ = host;
        one.View.Current = [one.Member(host.Port, self: true),
            new MemberView(2, "akka.tcp://actorchain@127.0.0.1:25522", ApiHost.DeadPort(), "Up", ["v1"], false)];

        var (status, body, text) = await Send(host.Client, HttpMethod.Get, "/api/validators");

        status.Should().Be(HttpStatusCode.OK, text);
        body!["consensus"]!.GetValue<string>().Should().Be("pow");
        var rows = body["validators"]!.AsArray();
        rows.Select(r => r!["name"]!.GetValue<string>()).Should().Equal("v0", "v1", "v2", "v3");
        rows.Should().AllSatisfy(r => r!["status"]!.GetValue<string>().Should().Be("pending"));
        rows[0]!["node"]!.GetValue<int>().Should().Be(1);
        rows[1]!["node"]!.GetValue<int>().Should().Be(2);
        rows[2]!["node"].Should().BeNull();
        rows[0]!["balance"]!.GetValue<string>().Should().Be("32");
        rows[0]!["balanceGwei"]!.GetValue<ulong>().Should().Be(32_000_000_000);
    }

    [Fact]
    public async Task After_proof_of_stake_starts_the_account_is_read_from_the_pos_head()
    {
        var settings = FakeBackend.TestSettings() with { GenesisTimestamp = (ulong)DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() };
        string[] all = ["v0", "v1", "v2", "v3"];
        var guardian = FakeBackend.RealNode(Sys, 1, settings, all);
        var backend = new FakeBackend(1, Sys, guardian, settings, all);
        await using var host = await ApiHost.StartAsync(backend);
        backend.View.Current = [backend.Member(host.Port, self: true)];
        guardian.Tell(ActorChain.Node.NodeGuardian.StartPos.Instance);

        await AwaitAssertAsync(async () =>
            (await Send(host.Client, HttpMethod.Get, "/api/status")).Body!["slot"].Should().NotBeNull(),
            TimeSpan.FromSeconds(20), TimeSpan.FromMilliseconds(200));
        var sent = await Send(host.Client, HttpMethod.Post, "/api/tx", """{"from": "carol", "to": "dave", "amount": "3"}""");
        sent.Status.Should().Be(HttpStatusCode.Accepted, sent.Text);

        await AwaitAssertAsync(async () =>
        {
            var (_, account, text) = await Send(host.Client, HttpMethod.Get, "/api/account/carol");
            account!["era"]!.GetValue<string>().Should().Be("pos", text);
            account["nonce"]!.GetValue<ulong>().Should().Be(1, "the transfer is in a PoS block: " + text);
            account["pendingNonce"]!.GetValue<ulong>().Should().Be(1);
        }, TimeSpan.FromSeconds(30), TimeSpan.FromMilliseconds(250));
        var (_, dave, _) = await Send(host.Client, HttpMethod.Get, "/api/account/dave");
        dave!["balance"]!.GetValue<string>().Should().Be("1000003");

        var (status, validators, vtext) = await Send(host.Client, HttpMethod.Get, "/api/validators");
        status.Should().Be(HttpStatusCode.OK, vtext);
        validators!["consensus"]!.GetValue<string>().Should().Be("pos");
        validators["validators"]!.AsArray().Should().AllSatisfy(v =>
        {
            v!["status"]!.GetValue<string>().Should().Be("active");
            v["node"]!.GetValue<int>().Should().Be(1);
        });
        var merge = await Send(host.Client, HttpMethod.Post, "/api/merge", """{"atHeight": 5}""");
        merge.Status.Should().Be(HttpStatusCode.Conflict);
        merge.Body!["error"]!.GetValue<string>().Should().Contain("proof of stake already");
    }

    [Fact]
    public async Task Unknown_paths_and_methods_answer_json()
    {
        var (_, host) = await Node();
        await using var _ = host;
        var missing = await Send(host.Client, HttpMethod.Get, "/api/nothing");
        missing.Status.Should().Be(HttpStatusCode.NotFound);
        missing.Body!["error"]!.GetValue<string>().Should().Contain("no such endpoint");
        var method = await Send(host.Client, HttpMethod.Put, "/api/tx", "{}");
        method.Status.Should().Be(HttpStatusCode.MethodNotAllowed);
        method.Body!["kind"]!.GetValue<string>().Should().Be("method-not-allowed");
    }

    [Fact]
    public async Task Metrics_are_the_registry_in_prometheus_text()
    {
        var (backend, host) = await Node();
        await using var _ = host;
        Prometheus.Metrics.WithCustomRegistry(backend.Metrics).CreateGauge("actorchain_head_height", "Head height.").Set(7);
        using var response = await host.Client.GetAsync("/metrics");
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("text/plain");
        (await response.Content.ReadAsStringAsync()).Should().Contain("actorchain_head_height 7");
    }

    [Fact]
    public async Task Events_replay_then_go_live_as_server_sent_events_named_by_type()
    {
        var (backend, host) = await Node();
        await using var _ = host;
        backend.Feed.Replay.AddRange(Enumerable.Range(0, 1000).Select(i =>
            $$"""{"t":{{i}},"node":1,"type":"block_imported","height":{{i}}}"""));

        using var response = await host.Client.GetAsync("/api/events", HttpCompletionOption.ResponseHeadersRead);
        response.Content.Headers.ContentType!.MediaType.Should().Be("text/event-stream");
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        var events = new List<(string Type, string Data)>();
        string? type = null;
        while (events.Count < 1001)
        {
            if (events.Count == 1000)
                await backend.Feed.Live.Writer.WriteAsync("""{"t":5000,"node":1,"type":"fault_injected","kind":"offline"}""");
            var line = await reader.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(20));
            if (line!.StartsWith("event: ", StringComparison.Ordinal))
                type = line["event: ".Length..];
            else if (line.StartsWith("data: ", StringComparison.Ordinal))
                events.Add((type!, line["data: ".Length..]));
        }

        events.Take(1000).Should().AllSatisfy(e => e.Type.Should().Be("block_imported"));
        JsonNode.Parse(events[999].Data)!["height"]!.GetValue<int>().Should().Be(999);
        events[1000].Type.Should().Be("fault_injected");
        JsonNode.Parse(events[1000].Data)!["kind"]!.GetValue<string>().Should().Be("offline");
    }

    [Fact]
    public async Task An_open_event_stream_ends_when_the_host_stops_instead_of_holding_the_shutdown()
    {
        var (backend, host) = await Node();
        await using var _ = host;
        backend.Feed.Replay.Add("""{"t":1,"node":1,"type":"block_imported","height":1}""");

        using var response = await host.Client.GetAsync("/api/events", HttpCompletionOption.ResponseHeadersRead);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        (await reader.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(20))).Should().Be("event: block_imported");

        // Bounded, well under the host's shutdown timeout (30 s) that an open stream used to hold it for.
        await host.StopAsync().WaitAsync(TimeSpan.FromSeconds(10));
        await reader.ReadToEndAsync().WaitAsync(TimeSpan.FromSeconds(10)); // the server closed the stream
    }
}
