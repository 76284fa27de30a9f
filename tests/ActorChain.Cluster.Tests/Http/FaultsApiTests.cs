using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using ActorChain.Cluster.Hosting;
using ActorChain.Node;
using ActorChain.Node.Faults;
using Akka.Actor;
using Akka.TestKit;

namespace ActorChain.Cluster.Tests.Http;

/// <summary>
/// <c>/api/faults</c> across three nodes' APIs whose guardians are probes: routing to the host of a validator, to the node
/// named, to every node; forwarding over HTTP; 400, 404, 409, 503; crash; the cluster-wide list.
/// </summary>
public sealed class FaultsApiTests : Akka.TestKit.Xunit2.TestKit, IAsyncLifetime
{
    private readonly ConcurrentQueue<(int Node, object Message)> _seen = new();
    private readonly List<FakeBackend> _nodes = [];
    private readonly List<ApiHost> _hosts = [];

    /// <summary>Node 1 hosts v0, node 2 v1, node 3 v2 (refuses double-vote); v3 is hosted nowhere.</summary>
    public async Task InitializeAsync()
    {
        var settings = FakeBackend.TestSettings();
        for (var id = 1; id <= 3; id++)
        {
            var backend = new FakeBackend(id, Sys, Guardian(id, "v" + (id - 1)).Ref, settings, "v" + (id - 1));
            _nodes.Add(backend);
            _hosts.Add(await ApiHost.StartAsync(backend));
        }
        SetView(down: null);
    }

    public async Task DisposeAsync()
    {
        foreach (var h in _hosts)
            await h.DisposeAsync();
    }

    private void SetView(int? down)
    {
        foreach (var n in _nodes)
            n.View.Current = [.. _nodes.Select((m, i) => m.Member(m.NodeId == down ? ApiHost.DeadPort() : _hosts[i].Port, m.NodeId == n.NodeId))];
    }

    private TestProbe Guardian(int id, string hosted)
    {
        var probe = CreateTestProbe();
        probe.SetAutoPilot(new DelegateAutoPilot((_, message) =>
        {
            _seen.Enqueue((id, message));
            switch (message)
            {
                case FaultDesk.Hold h:
                    var outcome = h.Fault is ValidatorFault v && v.Validator != hosted ? FaultDesk.Outcome.NotHere
                        : h.Fault is Fault.DoubleVote && id == 3 ? FaultDesk.Outcome.Refused
                        : FaultDesk.Outcome.Accepted;
                    h.ReplyTo.Tell(new FaultDesk.NodeAnswer(id, outcome, $"{h.Fault.Describe()} {outcome} on node {id}"));
                    break;
                case FaultDesk.Release r:
                    r.ReplyTo.Tell(new FaultDesk.NodeAnswer(id, FaultDesk.Outcome.Accepted, $"{r.Fault.Kind} cleared on node {id}"));
                    break;
                case FaultDesk.GetActive g:
                    g.ReplyTo.Tell(new FaultDesk.ActiveFaults(id, [new FaultDesk.ActiveFault(new Fault.Offline(hosted), 1000, 31_000)]));
                    break;
            }
            return AutoPilot.KeepRunning;
        }));
        return probe;
    }

    private async Task<(HttpStatusCode Status, JsonObject Body)> Send(HttpMethod method, string path, string? body = null, int node = 1)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        using var response = await _hosts[node - 1].Client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, JsonNode.Parse(text)!.AsObject());
    }

    private List<object> Seen(int node) => [.. _seen.Where(s => s.Node == node).Select(s => s.Message)];

    [Fact]
    public async Task A_validator_fault_goes_to_the_node_hosting_it()
    {
        var (status, body) = await Send(HttpMethod.Post, "/api/faults", """{"kind": "offline", "validator": "v1", "until": "30s"}""");

        status.Should().Be(HttpStatusCode.OK, body.ToJsonString());
        body["accepted"]!.GetValue<bool>().Should().BeTrue();
        body["acceptedBy"]!.AsArray().Select(n => n!.GetValue<int>()).Should().Equal(2);
        body["untilMillis"]!.GetValue<long>().Should().Be(30_000);
        body["faults"]![0]!["validator"]!.GetValue<string>().Should().Be("v1");
        body["answers"]![0]!["outcome"]!.GetValue<string>().Should().Be("accepted");
        Seen(2).OfType<FaultDesk.Hold>().Should().ContainSingle()
            .Which.Should().Match<FaultDesk.Hold>(h => h.Fault == new Fault.Offline("v1") && h.UntilMillis == 30_000);
        Seen(1).OfType<FaultDesk.Hold>().Should().BeEmpty();
        Seen(3).OfType<FaultDesk.Hold>().Should().BeEmpty();
    }

    [Fact]
    public async Task A_partition_goes_to_every_node()
    {
        var (status, body) = await Send(HttpMethod.Post, "/api/faults", """{"kind": "partition", "groups": [[1, 2], [3]]}""", node: 2);
        status.Should().Be(HttpStatusCode.OK, body.ToJsonString());
        body["acceptedBy"]!.AsArray().Select(n => n!.GetValue<int>()).Should().Equal(1, 2, 3);
        body["faults"]![0]!["groups"]!.ToJsonString().Should().Be("[[1,2],[3]]");
    }

    [Fact]
    public async Task An_unknown_validator_or_node_is_a_400_naming_the_field()
    {
        var (status, body) = await Send(HttpMethod.Post, "/api/faults", """{"kind": "double-vote", "validator": "v99"}""");
        status.Should().Be(HttpStatusCode.BadRequest);
        body["error"]!.GetValue<string>().Should().Contain("fault.validator").And.Contain("v99");
        body["accepted"]!.GetValue<bool>().Should().BeFalse();

        (status, body) = await Send(HttpMethod.Post, "/api/faults", """{"kind": "crash", "node": 9}""");
        status.Should().Be(HttpStatusCode.BadRequest);
        body["error"]!.GetValue<string>().Should().Contain("fault.node").And.Contain("node 9");

        (status, body) = await Send(HttpMethod.Post, "/api/faults", """{"kind": "teleport"}""");
        status.Should().Be(HttpStatusCode.BadRequest);
        body["error"]!.GetValue<string>().Should().Contain("fault.kind");

        (status, body) = await Send(HttpMethod.Post, "/api/faults", """{"kind": "offline", "validator": """);
        status.Should().Be(HttpStatusCode.BadRequest);
        body["error"]!.GetValue<string>().Should().Contain("not JSON");
    }

    [Fact]
    public async Task A_validator_no_node_hosts_is_a_404()
    {
        var (status, body) = await Send(HttpMethod.Post, "/api/faults", """{"kind": "offline", "validator": "v3"}""");
        status.Should().Be(HttpStatusCode.NotFound);
        body["kind"]!.GetValue<string>().Should().Be("not-found");
        body["error"]!.GetValue<string>().Should().Contain("v3");
    }

    [Fact]
    public async Task A_fault_the_node_refuses_is_a_409()
    {
        var (status, body) = await Send(HttpMethod.Post, "/api/faults", """{"kind": "double-vote", "validator": "v2"}""");
        status.Should().Be(HttpStatusCode.Conflict, body.ToJsonString());
        body["kind"]!.GetValue<string>().Should().Be("refused");
        body["answers"]![0]!["node"]!.GetValue<int>().Should().Be(3);
    }

    [Fact]
    public async Task A_node_concerned_that_does_not_answer_is_a_503()
    {
        SetView(down: 2);
        var (status, body) = await Send(HttpMethod.Post, "/api/faults", """{"kind": "offline", "validator": "v1"}""");
        status.Should().Be(HttpStatusCode.ServiceUnavailable, body.ToJsonString());
        body["kind"]!.GetValue<string>().Should().Be("unavailable");
        body["error"]!.GetValue<string>().Should().Contain("node 2");
    }

    [Fact]
    public async Task Crash_runs_on_the_node_named_and_reports_what_happened()
    {
        var (status, body) = await Send(HttpMethod.Post, "/api/faults", """{"kind": "crash", "node": 3, "until": "5s"}""");
        status.Should().Be(HttpStatusCode.OK, body.ToJsonString());
        body["detail"]!.GetValue<string>().Should().Be("node 3 crashed; restarts in 5s from its data dir");
        body["acceptedBy"]!.AsArray().Select(n => n!.GetValue<int>()).Should().Equal(3);
        _nodes[2].Crashes.Should().Equal(TimeSpan.FromSeconds(5));
        _nodes[0].Crashes.Should().BeEmpty();
    }

    [Fact]
    public async Task Delete_by_query_clears_it_on_the_host()
    {
        var (status, body) = await Send(HttpMethod.Delete, "/api/faults?kind=offline&validator=v1");
        status.Should().Be(HttpStatusCode.OK, body.ToJsonString());
        body["faults"]![0]!.ToJsonString().Should().Be("""{"kind":"offline","validator":"v1"}""");
        Seen(2).OfType<FaultDesk.Release>().Should().ContainSingle().Which.Fault.Should().Be(new Fault.Offline("v1"));

        (status, body) = await Send(HttpMethod.Delete, "/api/faults?kind=offline&colour=red");
        status.Should().Be(HttpStatusCode.BadRequest);
        body["error"]!.GetValue<string>().Should().Contain("colour");
    }

    [Fact]
    public async Task Get_lists_this_nodes_faults_or_with_cluster_every_nodes()
    {
        var (status, body) = await Send(HttpMethod.Get, "/api/faults");
        status.Should().Be(HttpStatusCode.OK);
        body["node"]!.GetValue<int>().Should().Be(1);
        body["faults"]!.AsArray().Should().ContainSingle();
        body["faults"]![0]!["since"]!.GetValue<long>().Should().Be(1000);

        SetView(down: 3);
        (status, body) = await Send(HttpMethod.Get, "/api/faults?cluster=true");
        status.Should().Be(HttpStatusCode.OK);
        body["faults"]!.AsArray().Select(f => (f!["heldBy"]!.GetValue<int>(), f["validator"]!.GetValue<string>()))
            .Should().Equal((1, "v0"), (2, "v1"));
        body["unanswered"]![0]!["node"]!.GetValue<int>().Should().Be(3);
    }
}
