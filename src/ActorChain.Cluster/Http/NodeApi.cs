using System.Collections.Concurrent;
using System.Globalization;
using System.Net.Http;
using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using ActorChain.Cluster.Hosting;
using ActorChain.Core;
using ActorChain.Core.TxPool;
using ActorChain.Core.Transactions;
using ActorChain.Node;
using ActorChain.Node.Chain;
using Akka.Actor;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Prometheus;
using BadHttpRequestException = Microsoft.AspNetCore.Http.BadHttpRequestException;

namespace ActorChain.Cluster.Http;

/// <summary>
/// The HTTP API of one cluster node (docs/http.md; ARCHITECTURE.md, "Interfaces"): <c>GET /api/status</c>
/// (<c>?cluster=true</c> for every member), <c>POST /api/tx</c>, <c>GET /api/account/{name}</c>, <c>GET
/// /api/validators</c>, <c>GET|POST|DELETE /api/faults</c>, <c>POST /api/merge</c>, <c>GET /api/events</c> (server-sent
/// events), <c>GET /api/tree|epochs|miners</c> (<see cref="ChainViews"/>) and <c>GET /metrics</c>; over one node or, with
/// <c>?node=N</c>, the several of an <see cref="INodeDirectory"/> (<c>run</c>). It only routes: every answer comes from the node's actors. Every error is JSON
/// <c>{"error": ..., "kind": ...}</c>; request bodies are limited to 1 MiB; no answer echoes a large input.
/// </summary>
public static class NodeApi
{
    /// <summary>How long the node's own actors have to answer.</summary>
    public static readonly TimeSpan AskTimeout = TimeSpan.FromSeconds(5);

    /// <summary>The content type of <c>/metrics</c> (Prometheus text exposition 0.0.4).</summary>
    public const string PrometheusContentType = "text/plain; version=0.0.4; charset=utf-8";

    /// <summary>The Kestrel limits the API expects (call from <c>WebHost.ConfigureKestrel</c>): bodies of at most 1 MiB.</summary>
    public static void ConfigureKestrel(KestrelServerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Limits.MaxRequestBodySize = ApiJson.MaxBodyBytes;
        options.AddServerHeader = false;
    }

    /// <summary>Maps every endpoint of the API over <paramref name="backend"/> on <paramref name="app"/>, with its JSON error handling.</summary>
    public static void Map(WebApplication app, INodeBackend backend, HttpClient? http = null)
    {
        ArgumentNullException.ThrowIfNull(backend);
        Map(app, new SingleNode(backend), http);
    }

    /// <summary>
    /// Maps every endpoint of the API over the nodes of <paramref name="nodes"/> on <paramref name="app"/>, each chosen by
    /// <c>?node=N</c> (default <see cref="INodeDirectory.DefaultNode"/>; not a node id: 400; not served here: 404; down: 503).
    /// </summary>
    public static void Map(WebApplication app, INodeDirectory nodes, HttpClient? http = null)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(nodes);
        if (http is null)
        {
            // Peers are on the node's own network: never through a proxy. Ours, so disposed when the host has stopped.
            var own = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { Timeout = Timeout.InfiniteTimeSpan };
            app.Lifetime.ApplicationStopped.Register(own.Dispose);
            http = own;
        }
        var peers = new PeerClient(http);
        var apis = new ConcurrentDictionary<INodeBackend, Apis>(ReferenceEqualityComparer.Instance);
        Apis Of(INodeBackend b) => apis.GetOrAdd(b, x => new Apis(new ClusterStatus(x, peers, nodes), new FaultsApi(x, peers, nodes),
            new ValidatorsView(x, peers, nodes)));

        app.Use(JsonErrors);

        app.MapGet("/api/status", (HttpContext ctx, CancellationToken ct) => On(ctx, nodes, ct, async backend =>
        {
            var mine = await backend.Guardian.Ask<NodeStatus>(r => new NodeGuardian.GetStatus(r), AskTimeout, ct);
            var port = ctx.Connection.LocalPort;
            var status = Of(backend).Status;
            if (Flag(ctx, "cluster"))
                return ApiJson.Ok(await status.GatherAsync(mine, port, ct));
            return ApiJson.Ok(status.Row(mine, status.Self(), port));
        }));

        app.MapPost("/api/tx", (HttpContext ctx, CancellationToken ct) => On(ctx, nodes, ct, backend =>
            WithBody(ctx, ct, body => SubmitTxAsync(backend, body, ct))));

        app.MapGet("/api/account/{name}", (HttpContext ctx, string name, CancellationToken ct) => On(ctx, nodes, ct, backend =>
            AccountAsync(backend, name, ct)));

        app.MapGet("/api/validators", (HttpContext ctx, CancellationToken ct) => On(ctx, nodes, ct, async backend =>
            ApiJson.Ok(await Of(backend).Validators.RenderAsync(Flag(ctx, "hosted"), AskTimeout, ct))));

        // The faults say which node they concern: ?node= is not a selector here (a DELETE's query may name a fault's node).
        app.MapGet("/api/faults", (HttpContext ctx, CancellationToken ct) => On(ctx, nodes, ct, backend =>
            Of(backend).Faults.ActiveAsync(Flag(ctx, "cluster"), ct)));
        app.MapPost("/api/faults", (HttpContext ctx, CancellationToken ct) => Any(nodes, ct, backend =>
            WithBody(ctx, ct, body => Of(backend).Faults.InjectAsync(body, Flag(ctx, "local"), ct))));
        app.MapDelete("/api/faults", (HttpContext ctx, CancellationToken ct) => Any(nodes, ct, backend =>
            WithBody(ctx, ct, body => Of(backend).Faults.ClearAsync(body, ctx.Request.Query, Flag(ctx, "local"), ct))));

        app.MapPost("/api/merge", (HttpContext ctx, CancellationToken ct) => On(ctx, nodes, ct, backend =>
            WithBody(ctx, ct, body => MergeAsync(backend, body, ct))));

        app.MapGet("/api/events", (HttpContext ctx, CancellationToken ct) =>
        {
            if (!ctx.Request.Query.ContainsKey("node") && nodes.AllEvents is { } all)
                return TypedResults.ServerSentEvents(Events(all, app.Lifetime.ApplicationStopping, ct));
            if (NodeOf(ctx, nodes) is { Error: { } error })
                return error;
            return TypedResults.ServerSentEvents(Events(nodes.EventsOf(NodeOf(ctx, nodes).Node), app.Lifetime.ApplicationStopping, ct));
        });

        app.MapGet("/api/tree", (HttpContext ctx, CancellationToken ct) => On(ctx, nodes, ct, backend =>
            ChainViews.TreeAsync(backend, ctx.Request.Query, AskTimeout, ct)));
        app.MapGet("/api/epochs", (HttpContext ctx, CancellationToken ct) => On(ctx, nodes, ct, backend =>
            ChainViews.EpochsAsync(backend, ctx.Request.Query, AskTimeout, ct)));
        app.MapGet("/api/miners", (HttpContext ctx, CancellationToken ct) => On(ctx, nodes, ct, backend =>
            ChainViews.MinersAsync(backend, AskTimeout, ct)));

        app.MapGet("/metrics", (HttpContext ctx, CancellationToken ct) => On(ctx, nodes, ct, async backend =>
        {
            ctx.Response.ContentType = PrometheusContentType;
            await backend.Metrics.CollectAndExportAsTextAsync(ctx.Response.Body, ct);
            return Results.Empty;
        }));

        Dashboard.DashboardAssets.Map(app);
        app.Map("/api/{**rest}", (HttpContext ctx) => NoSuchEndpoint(ctx));
    }

    /// <summary>The API objects of one node, built once.</summary>
    private sealed record Apis(ClusterStatus Status, FaultsApi Faults, ValidatorsView Validators);

    /// <summary>The node <c>?node=</c> names (default: the directory's), or the 400/404 answer.</summary>
    private static (int Node, IResult? Error) NodeOf(HttpContext ctx, INodeDirectory nodes)
    {
        if (!ctx.Request.Query.TryGetValue("node", out var given))
            return (nodes.DefaultNode, null);
        if (given.Count != 1 || !int.TryParse(given[0], NumberStyles.None, CultureInfo.InvariantCulture, out var id))
            return (-1, ApiJson.Error(StatusCodes.Status400BadRequest, "bad-request",
                $"node must be a node id such as ?node=0, got '{ApiJson.Echo(string.Join(",", given.ToArray()))}'; the nodes are {string.Join(", ", nodes.Nodes)}"));
        if (!nodes.Nodes.Contains(id))
            return (-1, ApiJson.Error(StatusCodes.Status404NotFound, "not-found", nodes.Unknown(id)));
        return (id, null);
    }

    /// <summary>
    /// <paramref name="handle"/> on the node <c>?node=</c> names; 400/404 for a bad or unknown node, 503 when it is down
    /// or its actors do not answer in time.
    /// </summary>
    private static async Task<IResult> On(HttpContext ctx, INodeDirectory nodes, CancellationToken ct, Func<INodeBackend, Task<IResult>> handle)
    {
        var (id, error) = NodeOf(ctx, nodes);
        if (error is not null)
            return error;
        try
        {
            var backend = await nodes.FindAsync(id, ct);
            if (backend is null)
                return ApiJson.Error(StatusCodes.Status503ServiceUnavailable, "unavailable",
                    $"node {id} is down (crashed, or not started yet); it answers again once it is up");
            return await handle(backend);
        }
        catch (Exception e) when (IsNoAnswer(e, ct))
        {
            return ApiJson.Unavailable(e);
        }
    }

    /// <summary><paramref name="handle"/> on the default node if it is up, else on the first node that is (the faults route themselves).</summary>
    private static async Task<IResult> Any(INodeDirectory nodes, CancellationToken ct, Func<INodeBackend, Task<IResult>> handle)
    {
        try
        {
            foreach (var id in nodes.Nodes.Where(n => n == nodes.DefaultNode).Concat(nodes.Nodes.Where(n => n != nodes.DefaultNode)))
                if (await nodes.FindAsync(id, ct) is { } backend)
                    return await handle(backend);
            return ApiJson.Error(StatusCodes.Status503ServiceUnavailable, "unavailable", "no node is up");
        }
        catch (Exception e) when (IsNoAnswer(e, ct))
        {
            return ApiJson.Unavailable(e);
        }
    }

    /// <summary>The methods of each path of the API, for a 405 that names them.</summary>
    private static readonly (string Path, string Methods)[] Endpoints =
    [
        ("/api/status", "GET"), ("/api/tx", "POST"), ("/api/account/", "GET"), ("/api/validators", "GET"),
        ("/api/faults", "GET, POST, DELETE"), ("/api/merge", "POST"), ("/api/events", "GET"), ("/api/tree", "GET"),
        ("/api/epochs", "GET"), ("/api/miners", "GET"),
    ];

    /// <summary>405 naming the allowed methods on a known path, else a JSON 404.</summary>
    private static IResult NoSuchEndpoint(HttpContext ctx)
    {
        var path = ctx.Request.Path.Value ?? string.Empty;
        foreach (var (known, methods) in Endpoints)
            if (known.EndsWith('/') ? path.StartsWith(known, StringComparison.Ordinal) && path.Length > known.Length : path == known)
            {
                ctx.Response.Headers.Allow = methods;
                return ApiJson.Error(StatusCodes.Status405MethodNotAllowed, "method-not-allowed",
                    $"{ApiJson.Echo(ctx.Request.Method)} is not allowed on {known}; use {methods}");
            }
        return ApiJson.Error(StatusCodes.Status404NotFound, "not-found",
            $"no such endpoint: {ApiJson.Echo(ctx.Request.Method)} {ApiJson.Echo(path)}; see docs/http.md");
    }

    /// <summary>
    /// Sets the 1 MiB limit on each request, turns Kestrel's own refusals (413, 400) and unhandled failures into JSON
    /// errors, and gives a JSON body to an error answered without one (405 from routing, 404 off the API).
    /// </summary>
    private static async Task JsonErrors(HttpContext ctx, RequestDelegate next)
    {
        if (ctx.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
            limit.MaxRequestBodySize = ApiJson.MaxBodyBytes;
        try
        {
            await next(ctx);
        }
        catch (ApiJson.TooLarge e) when (!ctx.Response.HasStarted)
        {
            await ApiJson.TooLargeResult(e.Length).ExecuteAsync(ctx);
            return;
        }
        catch (BadHttpRequestException e) when (!ctx.Response.HasStarted)
        {
            var result = e.StatusCode == StatusCodes.Status413PayloadTooLarge
                ? ApiJson.TooLargeResult(ctx.Request.ContentLength)
                : ApiJson.Error(e.StatusCode, ApiJson.KindOf(e.StatusCode), "bad request: " + ApiJson.Echo(e.Message));
            await result.ExecuteAsync(ctx);
            return;
        }
        catch (Exception e) when (!ctx.Response.HasStarted && !ctx.RequestAborted.IsCancellationRequested)
        {
            await ApiJson.Error(StatusCodes.Status500InternalServerError, "internal",
                "the node failed to answer: " + ApiJson.Echo(ApiJson.Describe(e))).ExecuteAsync(ctx);
            return;
        }
        if (!ctx.Response.HasStarted && ctx.Response.StatusCode >= 400 && ctx.Response.ContentType is null)
        {
            var code = ctx.Response.StatusCode;
            var message = code == StatusCodes.Status405MethodNotAllowed
                ? $"{ctx.Request.Method} is not allowed on {ApiJson.Echo(ctx.Request.Path.Value)}"
                : $"HTTP {code} for {ctx.Request.Method} {ApiJson.Echo(ctx.Request.Path.Value)}";
            await ApiJson.Error(code, ApiJson.KindOf(code), message).ExecuteAsync(ctx);
        }
    }

    /// <summary>The body, read within the limit, handed to <paramref name="handle"/>; 413 past the limit, 400 for a <see cref="BadRequest"/>, 503 when the node is silent.</summary>
    private static async Task<IResult> WithBody(HttpContext ctx, CancellationToken ct, Func<string, Task<IResult>> handle)
    {
        string body;
        try
        {
            body = await ApiJson.ReadBodyAsync(ctx.Request, ct);
        }
        catch (ApiJson.TooLarge e)
        {
            return ApiJson.TooLargeResult(e.Length);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return ApiJson.TooLargeResult(ctx.Request.ContentLength);
        }
        try
        {
            return await handle(body);
        }
        catch (BadRequest e)
        {
            return ApiJson.Error(StatusCodes.Status400BadRequest, "bad-request", e.Message);
        }
        catch (Exception e) when (IsNoAnswer(e, ct))
        {
            return ApiJson.Unavailable(e);
        }
    }

    private static bool IsNoAnswer(Exception e, CancellationToken ct) =>
        e is AskTimeoutException || (e is TaskCanceledException && !ct.IsCancellationRequested);

    private static bool Flag(HttpContext ctx, string name) =>
        ctx.Request.Query.TryGetValue(name, out var v) && (v.Count == 0 || string.IsNullOrEmpty(v[0]) || v[0] == "true" || v[0] == "1");

    /// <summary>
    /// 202 with the signed transfer's id once the mempool took it; 400 when it refused it. The default nonce is the
    /// sender's next after its pending transactions (two sends in a row both land).
    /// </summary>
    private static async Task<IResult> SubmitTxAsync(INodeBackend backend, string body, CancellationToken ct)
    {
        var request = TxRequest.Parse(body);
        var settings = backend.Settings;
        var nonce = request.Nonce;
        if (nonce is null)
        {
            var parts = await backend.Guardian.Ask<NodeGuardian.Parts>(r => new NodeGuardian.GetParts(r), AskTimeout, ct);
            var from = settings.Key(request.From).Address;
            var view = await parts.Mempool.Ask<MempoolActor.AccountView>(r => new MempoolActor.GetAccount(from, r), AskTimeout, ct);
            nonce = view.PendingNonce;
        }
        var tx = request.Sign(settings, nonce.Value);
        var result = await backend.Guardian.Ask<MempoolActor.SubmitResult>(r => new NodeGuardian.SubmitTx(tx, r), AskTimeout, ct);
        var id = result.Tx.Id.ToString();
        if (result.Outcome is AddResult.Rejected rejected)
            return ApiJson.Error(StatusCodes.Status400BadRequest, "rejected", "rejected: " + rejected.Rejection.Describe(),
                new JsonObject { ["reason"] = rejected.Rejection.Kind.ToString(), ["id"] = id });
        return ApiJson.Response(StatusCodes.Status202Accepted, new JsonObject
        {
            ["id"] = id,
            ["result"] = result.Outcome is AddResult.Replaced ? "replaced" : "accepted",
            ["from"] = "0x" + tx.FromAddress,
            ["to"] = "0x" + tx.To,
            ["amount"] = Units.FormatCoins(tx.Amount),
            ["nonce"] = tx.Nonce,
        });
    }

    /// <summary>
    /// The account in the live head state: before the merge the PoW state a block on the head starts from, after it the
    /// PoS head's ledger (<c>era</c> says which); <c>pendingNonce</c> counts the sender's pending transactions.
    /// </summary>
    private static async Task<IResult> AccountAsync(INodeBackend backend, string who, CancellationToken ct)
    {
        try
        {
            TxRequest.CheckName("account", who);
        }
        catch (BadRequest e)
        {
            return ApiJson.Error(StatusCodes.Status400BadRequest, "bad-request", e.Message);
        }
        var address = TxRequest.AddressOf(backend.Settings, who);
        try
        {
            var status = await backend.Guardian.Ask<NodeStatus>(r => new NodeGuardian.GetStatus(r), AskTimeout, ct);
            var parts = await backend.Guardian.Ask<NodeGuardian.Parts>(r => new NodeGuardian.GetParts(r), AskTimeout, ct);
            var view = await parts.Mempool.Ask<MempoolActor.AccountView>(r => new MempoolActor.GetAccount(address, r), AskTimeout, ct);
            var a = view.Account;
            return ApiJson.Ok(new JsonObject
            {
                ["address"] = "0x" + address,
                ["name"] = who.StartsWith("0x", StringComparison.Ordinal) ? null : who,
                ["balance"] = Units.FormatCoins(a.Balance),
                ["balanceGwei"] = a.Balance,
                ["nonce"] = a.Nonce,
                ["pendingNonce"] = view.PendingNonce,
                ["pending"] = view.Pending,
                ["era"] = status.Slot is null ? "pow" : "pos",
                ["headHeight"] = status.HeadHeight,
                ["headHash"] = status.HeadHash,
                ["slot"] = status.Slot,
            });
        }
        catch (Exception e) when (IsNoAnswer(e, ct))
        {
            return ApiJson.Unavailable(e);
        }
    }

    /// <summary>202 <c>{"atHeight": H}</c> once this node scheduled the merge and forwarded it to its peers; 409 naming why not.</summary>
    private static async Task<IResult> MergeAsync(INodeBackend backend, string body, CancellationToken ct)
    {
        var request = MergeRequest.Parse(body);
        var status = await backend.Guardian.Ask<NodeStatus>(r => new NodeGuardian.GetStatus(r), AskTimeout, ct);
        if (status.Slot is not null)
            return ApiJson.Error(StatusCodes.Status409Conflict, "conflict",
                $"the chain runs proof of stake already (slot {status.Slot}); cannot merge at {request.AtHeight}");
        var reply = await backend.Guardian.Ask<NodeGuardian.MergeReply>(r => new NodeGuardian.ScheduleMerge(request.AtHeight, r),
            AskTimeout, ct);
        return reply.Accepted
            ? ApiJson.Response(StatusCodes.Status202Accepted, new JsonObject { [MergeRequest.Field] = reply.AtHeight })
            : ApiJson.Error(StatusCodes.Status409Conflict, "conflict", reply.Reason ?? "refused");
    }

    /// <summary>The node's events (replay, then live) as server-sent events named by their <c>type</c>; the stream ends when the host stops.</summary>
    private static async IAsyncEnumerable<SseItem<string>> Events(IEventFeed feed, CancellationToken stopping,
        [EnumeratorCancellation] CancellationToken ct)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, stopping);
        var lines = feed.Subscribe(linked.Token).GetAsyncEnumerator(linked.Token);
        try
        {
            while (true)
            {
                var more = false;
                try
                {
                    more = await lines.MoveNextAsync();
                }
                catch (OperationCanceledException) when (stopping.IsCancellationRequested && !ct.IsCancellationRequested)
                {
                    // the host stops: the stream ends cleanly instead of holding the shutdown up
                }
                if (!more)
                    yield break;
                yield return new SseItem<string>(lines.Current, TypeOf(lines.Current));
            }
        }
        finally
        {
            await lines.DisposeAsync();
        }
    }

    /// <summary>The <c>type</c> of one event line, or <c>event</c>.</summary>
    internal static string TypeOf(string line)
    {
        try
        {
            var reader = new Utf8JsonReader(System.Text.Encoding.UTF8.GetBytes(line));
            if (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    var isType = reader.ValueTextEquals("type");
                    reader.Read();
                    if (isType && reader.TokenType == JsonTokenType.String)
                        return reader.GetString()!;
                    reader.Skip();
                }
        }
        catch (JsonException)
        {
            // not JSON: sent as a plain event
        }
        return "event";
    }
}
