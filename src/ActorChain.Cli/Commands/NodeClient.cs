using System.Globalization;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ActorChain.Cli.Commands;

/// <summary>
/// A client of one node's HTTP API for the <c>status</c>, <c>tx send</c>, <c>merge</c> and <c>inject</c> commands. Every
/// failure to talk to the node is a <see cref="NodeUnreachableException"/> with one line, e.g.
/// <c>cannot reach node at 127.0.0.1:18081: connection refused</c>.
/// </summary>
public sealed class NodeClient : IDisposable
{
    /// <summary>The default <c>--node</c>: node 1 of <c>scripts/cluster</c>.</summary>
    public const string DefaultNode = "127.0.0.1:18081";

    /// <summary>How long a connection may take.</summary>
    public static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(5);

    /// <summary>How long a request may take, answer included.</summary>
    public static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(15);

    private readonly HttpClient _http;

    private NodeClient(string hostPort)
    {
        Node = hostPort;
        var handler = new SocketsHttpHandler { ConnectTimeout = ConnectTimeout, UseProxy = false };
        _http = new HttpClient(handler) { BaseAddress = new Uri("http://" + hostPort), Timeout = Timeout.InfiniteTimeSpan };
    }

    /// <summary>The node's address as given, HOST:PORT.</summary>
    public string Node { get; }

    /// <summary>One answer: its status code and its body parsed as JSON (null when it is empty or not JSON) and as text.</summary>
    /// <param name="Status">The HTTP status code.</param>
    /// <param name="Json">The body as JSON, or null.</param>
    /// <param name="Text">The body as text.</param>
    public sealed record Reply(int Status, JsonNode? Json, string Text)
    {
        /// <summary>The answer's <c>error</c> field, or the body on one line when there is none.</summary>
        public string Error => Json is JsonObject o && o["error"] is JsonValue e && e.TryGetValue<string>(out var s) ? s : OneLine(Text);
    }

    /// <summary>
    /// A client for <c>--node HOST:PORT</c>; a <see cref="UsageException"/> naming the flag when the value is not one.
    /// </summary>
    public static NodeClient ForNode(string? hostPort)
    {
        var text = hostPort?.Trim() ?? string.Empty;
        var colon = text.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(text.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var port)
            || port is < 1 or > 65535 || Uri.CheckHostName(text[..colon].Trim('[', ']')) == UriHostNameType.Unknown)
        {
            throw new UsageException($"--node must be HOST:PORT, the node's HTTP address such as {DefaultNode}, got '{hostPort}'");
        }

        return new NodeClient(text);
    }

    /// <summary>GET <paramref name="pathAndQuery"/>.</summary>
    public Task<Reply> GetAsync(string pathAndQuery, CancellationToken ct) =>
        SendAsync(new HttpRequestMessage(HttpMethod.Get, pathAndQuery), ct);

    /// <summary>POST <paramref name="json"/> to <paramref name="path"/>.</summary>
    public Task<Reply> PostAsync(string path, JsonNode json, CancellationToken ct) =>
        SendAsync(new HttpRequestMessage(HttpMethod.Post, path) { Content = Body(json) }, ct);

    /// <summary>DELETE <paramref name="path"/> with <paramref name="json"/> as the body.</summary>
    public Task<Reply> DeleteAsync(string path, JsonNode json, CancellationToken ct) =>
        SendAsync(new HttpRequestMessage(HttpMethod.Delete, path) { Content = Body(json) }, ct);

    /// <inheritdoc />
    public void Dispose() => _http.Dispose();

    /// <summary><paramref name="s"/> on one line, at most 200 characters.</summary>
    public static string OneLine(string? s)
    {
        var t = string.Join(' ', (s ?? string.Empty).Split((char[])[' ', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries));
        return t.Length > 200 ? t[..200] + "..." : t;
    }

    private static StringContent Body(JsonNode json) => new(json.ToJsonString(), Encoding.UTF8, "application/json");

    private async Task<Reply> SendAsync(HttpRequestMessage request, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(RequestTimeout);
        try
        {
            using (request)
            {
                using var response = await _http.SendAsync(request, timeout.Token).ConfigureAwait(false);
                var text = await response.Content.ReadAsStringAsync(timeout.Token).ConfigureAwait(false);
                return new Reply((int)response.StatusCode, Parse(text), text);
            }
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            throw new NodeUnreachableException($"node at {Node} did not answer within {RequestTimeout.TotalSeconds:0}s");
        }
        catch (HttpRequestException e)
        {
            throw new NodeUnreachableException($"cannot reach node at {Node}: {Describe(e)}");
        }
    }

    private static string Describe(HttpRequestException e)
    {
        for (Exception? x = e; x is not null; x = x.InnerException)
        {
            if (x is SocketException s)
            {
                return s.SocketErrorCode switch
                {
                    SocketError.ConnectionRefused => "connection refused",
                    SocketError.TimedOut => $"no connection within {ConnectTimeout.TotalSeconds:0}s",
                    SocketError.HostNotFound or SocketError.NoData => "unknown host",
                    SocketError.ConnectionReset => "connection reset",
                    _ => OneLine(s.Message),
                };
            }
        }

        return e.HttpRequestError == HttpRequestError.ConnectionError ? "connection failed" : OneLine(e.InnerException?.Message ?? e.Message);
    }

    private static JsonNode? Parse(string text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        try
        {
            return JsonNode.Parse(text);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

/// <summary>The node could not be reached or did not answer in time: the message is the one line printed before exit 1.</summary>
public sealed class NodeUnreachableException(string message) : Exception(message);

/// <summary>The node answered with an error: the message is the one line printed before exit <see cref="ExitCode"/> (1, or 2 for bad input).</summary>
public sealed class NodeRefusedException(string message, int exitCode = 1) : Exception(message)
{
    /// <summary>The exit code: 1 when the node or cluster refused or failed, 2 when the request itself was bad input.</summary>
    public int ExitCode { get; } = exitCode;
}

/// <summary>What the four client commands share: how they end with one line and an exit code.</summary>
internal static class ClientCommand
{
    /// <summary>Exit code when the node cannot be reached, refuses or fails the request.</summary>
    public const int NodeFailed = 1;

    /// <summary>
    /// Runs <paramref name="body"/>; a <see cref="UsageException"/> is one line and exit 2, a node that cannot be reached
    /// or refuses is one line and exit 1 (2 when the node said the request was bad input).
    /// </summary>
    public static async Task<int> RunAsync(string command, TextWriter stderr, Func<Task<int>> body)
    {
        try
        {
            return await body().ConfigureAwait(false);
        }
        catch (UsageException e)
        {
            await stderr.WriteLineAsync($"actorchain: {e.Message} (see 'actorchain {command} --help')").ConfigureAwait(false);
            return Program.BadInput;
        }
        catch (Exception e) when (e is NodeUnreachableException or NodeRefusedException)
        {
            await stderr.WriteLineAsync("actorchain: " + e.Message).ConfigureAwait(false);
            return e is NodeRefusedException r ? r.ExitCode : NodeFailed;
        }
    }

    /// <summary>The action of a client command: output and error writers from the invocation (tests capture them).</summary>
    public static void SetAction(System.CommandLine.Command command, Func<System.CommandLine.ParseResult, TextWriter, TextWriter, CancellationToken, Task<int>> run) =>
        command.SetAction((parse, ct) => run(parse, parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error, ct));

    /// <summary>The <c>--node</c> option of every client command.</summary>
    public static System.CommandLine.Option<string> NodeOption(string what) => new("--node")
    {
        Description = $"HTTP address of {what} (default {NodeClient.DefaultNode}, node 1 of scripts/cluster)",
        HelpName = "HOST:PORT",
        DefaultValueFactory = _ => NodeClient.DefaultNode,
    };

    /// <summary>A text field of <paramref name="node"/>, "-" when missing or null.</summary>
    public static string Text(JsonNode? node, string field) => node is JsonObject o && o[field] is { } v
        ? v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : v.ToJsonString()
        : "-";
}
