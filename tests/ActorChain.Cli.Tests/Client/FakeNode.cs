using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ActorChain.Cli.Tests.Client;

/// <summary>A node's HTTP API as a test wants it: Kestrel on 127.0.0.1, port 0, recording every request.</summary>
internal sealed class FakeNode : IAsyncDisposable
{
    private readonly WebApplication _app;

    private FakeNode(WebApplication app, string address)
    {
        _app = app;
        Address = address;
    }

    /// <summary>One request as the node saw it.</summary>
    public sealed record Seen(string Method, string PathAndQuery, string Body)
    {
        /// <summary>The body as a JSON object.</summary>
        public JsonObject Json => JsonNode.Parse(Body)!.AsObject();
    }

    /// <summary>HOST:PORT of the node's API.</summary>
    public string Address { get; }

    /// <summary>Every request so far, in order.</summary>
    public ConcurrentQueue<Seen> Requests { get; } = new();

    /// <summary>Starts a node whose routes <paramref name="map"/> adds.</summary>
    public static async Task<FakeNode> StartAsync(Action<WebApplication> map)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        FakeNode? node = null;
        app.Use(async (context, next) =>
        {
            using var reader = new StreamReader(context.Request.Body);
            var body = await reader.ReadToEndAsync(context.RequestAborted);
            node!.Requests.Enqueue(new Seen(context.Request.Method, context.Request.Path + context.Request.QueryString, body));
            context.Request.Body = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(body));
            await next(context);
        });
        map(app);
        await app.StartAsync();
        var url = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        node = new FakeNode(app, new Uri(url).Authority);
        return node;
    }

    /// <summary>A JSON answer with <paramref name="status"/>.</summary>
    public static IResult Json(int status, string json) => Results.Content(json, "application/json", null, status);

    /// <summary>HOST:PORT where nothing listens.</summary>
    public static string ClosedAddress()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        var port = ((IPEndPoint)socket.LocalEndpoint).Port;
        socket.Stop();
        return "127.0.0.1:" + port;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
