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
/// <para>
/// Each request is one HTTP/1.0 exchange over its own socket (<c>Connection: close</c>; the node answers and closes, with
/// no chunking), not an <see cref="HttpClient"/>: a client command sends one or two requests and exits, and the first
/// use of <see cref="HttpClient"/> costs a fresh process about 160 ms of type loading and JIT (measured: 0.24 s against
/// 0.14 s for the same GET and JSON parse over a socket), more than the command's whole budget (README, performance).
/// </para>
/// </summary>
public sealed class NodeClient : IDisposable
{
    /// <summary>The default <c>--node</c>: node 1 of <c>scripts/cluster</c>.</summary>
    public const string DefaultNode = "127.0.0.1:18081";

    /// <summary>How long a connection may take.</summary>
    public static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(5);

    /// <summary>How long a request may take, answer included.</summary>
    public static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(15);

    /// <summary>The largest answer read: far above any status or validators list, so a runaway peer cannot exhaust memory.</summary>
    public const int MaxAnswerBytes = 64 << 20;

    private readonly string _host;
    private readonly int _port;

    private NodeClient(string hostPort, string host, int port)
    {
        Node = hostPort;
        _host = host;
        _port = port;
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

        return new NodeClient(text, text[..colon].Trim('[', ']'), port);
    }

    /// <summary>GET <paramref name="pathAndQuery"/>.</summary>
    public Task<Reply> GetAsync(string pathAndQuery, CancellationToken ct) => SendAsync("GET", pathAndQuery, null, ct);

    /// <summary>POST <paramref name="json"/> to <paramref name="path"/>.</summary>
    public Task<Reply> PostAsync(string path, JsonNode json, CancellationToken ct) => SendAsync("POST", path, json, ct);

    /// <summary>DELETE <paramref name="path"/> with <paramref name="json"/> as the body.</summary>
    public Task<Reply> DeleteAsync(string path, JsonNode json, CancellationToken ct) => SendAsync("DELETE", path, json, ct);

    /// <inheritdoc />
    public void Dispose()
    {
        // Nothing held between requests: each has its own socket.
    }

    /// <summary><paramref name="s"/> on one line, at most 200 characters.</summary>
    public static string OneLine(string? s)
    {
        var t = string.Join(' ', (s ?? string.Empty).Split((char[])[' ', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries));
        return t.Length > 200 ? t[..200] + "..." : t;
    }

    private async Task<Reply> SendAsync(string method, string pathAndQuery, JsonNode? json, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(RequestTimeout);
        try
        {
            using var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            using (var connect = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token))
            {
                connect.CancelAfter(ConnectTimeout);
                try
                {
                    await socket.ConnectAsync(_host, _port, connect.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (!timeout.IsCancellationRequested)
                {
                    throw new NodeUnreachableException($"cannot reach node at {Node}: no connection within {ConnectTimeout.TotalSeconds:0}s");
                }
            }

            await using var stream = new NetworkStream(socket, ownsSocket: false);
            await stream.WriteAsync(Request(method, pathAndQuery, json), timeout.Token).ConfigureAwait(false);
            using var answer = new MemoryStream();
            var buffer = new byte[16384];
            int read;
            while ((read = await stream.ReadAsync(buffer, timeout.Token).ConfigureAwait(false)) > 0)
            {
                if (answer.Length + read > MaxAnswerBytes)
                    throw new NodeUnreachableException($"node at {Node} answered more than {MaxAnswerBytes >> 20} MiB");
                answer.Write(buffer, 0, read);
            }

            return Answer(answer.GetBuffer().AsSpan(0, (int)answer.Length));
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            throw new NodeUnreachableException($"node at {Node} did not answer within {RequestTimeout.TotalSeconds:0}s");
        }
        catch (SocketException e)
        {
            throw new NodeUnreachableException($"cannot reach node at {Node}: {Describe(e)}");
        }
        catch (IOException e)
        {
            throw new NodeUnreachableException($"cannot reach node at {Node}: {(e.InnerException is SocketException s ? Describe(s) : OneLine(e.Message))}");
        }
    }

    /// <summary>The request's bytes: HTTP/1.0, so that the node answers without chunking and closes when done.</summary>
    private byte[] Request(string method, string pathAndQuery, JsonNode? json)
    {
        var body = json is null ? [] : Encoding.UTF8.GetBytes(json.ToJsonString());
        var head = new StringBuilder()
            .Append(method).Append(' ').Append(pathAndQuery).Append(" HTTP/1.0\r\n")
            .Append("Host: ").Append(Node).Append("\r\n")
            .Append("Accept: application/json\r\n")
            .Append("Connection: close\r\n");
        if (json is not null)
            head.Append("Content-Type: application/json\r\n");
        if (json is not null || method != "GET")
            head.Append("Content-Length: ").Append(body.Length.ToString(CultureInfo.InvariantCulture)).Append("\r\n");
        head.Append("\r\n");
        return [.. Encoding.ASCII.GetBytes(head.ToString()), .. body];
    }

    /// <summary>The status code and body of an HTTP answer read to its end (a chunked body is decoded too).</summary>
    private Reply Answer(ReadOnlySpan<byte> bytes)
    {
        var end = bytes.IndexOf("\r\n\r\n"u8);
        var head = end < 0 ? string.Empty : Encoding.ASCII.GetString(bytes[..end]);
        var lines = head.Split("\r\n");
        var status = lines[0].Split(' ', 3);
        if (end < 0 || status.Length < 2 || !status[0].StartsWith("HTTP/", StringComparison.Ordinal)
            || !int.TryParse(status[1], NumberStyles.None, CultureInfo.InvariantCulture, out var code))
        {
            throw new NodeUnreachableException($"node at {Node} did not answer in HTTP");
        }

        var body = bytes[(end + 4)..];
        var chunked = lines.Skip(1).Any(l => l.StartsWith("Transfer-Encoding:", StringComparison.OrdinalIgnoreCase)
            && l.Contains("chunked", StringComparison.OrdinalIgnoreCase));
        var text = chunked ? Encoding.UTF8.GetString(Dechunk(body)) : Encoding.UTF8.GetString(body);
        return new Reply(code, Parse(text), text);
    }

    /// <summary>A chunked body (RFC 9112 §7.1) without its framing; stops at the last chunk or where the framing breaks.</summary>
    private static byte[] Dechunk(ReadOnlySpan<byte> body)
    {
        using var plain = new MemoryStream();
        while (true)
        {
            var eol = body.IndexOf("\r\n"u8);
            if (eol < 0)
                break;
            var sizeText = Encoding.ASCII.GetString(body[..eol]).Split(';')[0].Trim();
            if (!int.TryParse(sizeText, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var size) || size <= 0
                || eol + 2 + size > body.Length)
            {
                break;
            }
            plain.Write(body.Slice(eol + 2, size));
            body = body[Math.Min(body.Length, eol + 2 + size + 2)..];
        }

        return plain.ToArray();
    }

    private static string Describe(SocketException s) => s.SocketErrorCode switch
    {
        SocketError.ConnectionRefused => "connection refused",
        SocketError.TimedOut => $"no connection within {ConnectTimeout.TotalSeconds:0}s",
        SocketError.HostNotFound or SocketError.NoData => "unknown host",
        SocketError.ConnectionReset => "connection reset",
        _ => OneLine(s.Message),
    };

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
