using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace ActorChain.Cluster.Http;

/// <summary>A request the API cannot act on (bad JSON, unknown field, bad amount): answered 400 with this message.</summary>
public sealed class BadRequest(string message) : Exception(message);

/// <summary>JSON in and out of the node's HTTP API: bounded bodies, strict objects, and answers with a JSON body.</summary>
public static class ApiJson
{
    /// <summary>The largest request body taken: 1 MiB (a larger one is a JSON 413).</summary>
    public const long MaxBodyBytes = 1 << 20;

    /// <summary>The most characters of an input a response echoes back.</summary>
    public const int MaxEcho = 80;

    /// <summary>The content type of every answer but <c>/metrics</c> and <c>/api/events</c>.</summary>
    public const string ContentType = "application/json; charset=utf-8";

    private static readonly JsonDocumentOptions Strict = new() { MaxDepth = 32, AllowTrailingCommas = false };

    /// <summary><paramref name="value"/> cut to <see cref="MaxEcho"/> characters, on one line, for echoing in an answer.</summary>
    public static string Echo(string? value)
    {
        if (value is null)
            return "null";
        var line = value.ReplaceLineEndings(" ");
        return line.Length <= MaxEcho ? line : line[..MaxEcho] + $"… ({value.Length} characters)";
    }

    /// <summary><paramref name="body"/> with status <paramref name="status"/>.</summary>
    public static IResult Response(int status, JsonNode body) =>
        Results.Content(body.ToJsonString(), ContentType, Encoding.UTF8, status);

    /// <summary>200 with <paramref name="body"/>.</summary>
    public static IResult Ok(JsonNode body) => Response(StatusCodes.Status200OK, body);

    /// <summary><c>{"error": message, "kind": kind}</c> and what <paramref name="extra"/> adds, with status <paramref name="status"/>.</summary>
    public static IResult Error(int status, string kind, string message, JsonObject? extra = null) =>
        Response(status, ErrorBody(kind, message, extra));

    /// <summary>The body of an error: <c>{"error": message, "kind": kind, ...extra}</c>.</summary>
    public static JsonObject ErrorBody(string kind, string message, JsonObject? extra = null)
    {
        var body = new JsonObject { ["error"] = message, ["kind"] = kind };
        if (extra is not null)
            foreach (var (key, value) in extra.ToList())
            {
                extra.Remove(key);
                body[key] = value;
            }
        return body;
    }

    /// <summary>The error kind for a status: <c>bad-request</c>, <c>not-found</c>, <c>too-large</c>, …</summary>
    public static string KindOf(int status) => status switch
    {
        400 => "bad-request",
        404 => "not-found",
        405 => "method-not-allowed",
        409 => "conflict",
        411 => "length-required",
        413 => "too-large",
        415 => "unsupported-media-type",
        503 => "unavailable",
        _ => status >= 500 ? "internal" : "error",
    };

    /// <summary>503: the node (or a node concerned) did not answer.</summary>
    public static IResult Unavailable(Exception e) =>
        Error(StatusCodes.Status503ServiceUnavailable, "unavailable", "the node did not answer: " + Echo(Describe(e)));

    /// <summary>One line for an exception: its type's short name and message.</summary>
    public static string Describe(Exception e) => e.GetType().Name + ": " + e.Message;

    /// <summary>The body of <paramref name="request"/> as text, at most <see cref="MaxBodyBytes"/>; a <see cref="TooLarge"/> past it.</summary>
    public static async Task<string> ReadBodyAsync(HttpRequest request, CancellationToken ct)
    {
        if (request.ContentLength > MaxBodyBytes)
            throw new TooLarge(request.ContentLength.Value);
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int n;
        while ((n = await request.Body.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + n > MaxBodyBytes)
                throw new TooLarge(null);
            buffer.Write(chunk, 0, n);
        }
        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    /// <summary>The JSON 413 answer.</summary>
    public static IResult TooLargeResult(long? length) =>
        Error(StatusCodes.Status413PayloadTooLarge, "too-large",
            $"the request body is larger than the limit of {MaxBodyBytes} bytes (1 MiB)"
            + (length is { } l ? $": Content-Length {l}" : string.Empty));

    /// <summary>
    /// <paramref name="body"/> as one JSON object whose fields are all in <paramref name="allowed"/> (null: any); otherwise a
    /// <see cref="BadRequest"/> naming the problem (<paramref name="shape"/> describes the expected object).
    /// </summary>
    public static JsonElement ReadObject(string body, IReadOnlyCollection<string>? allowed, string shape)
    {
        if (string.IsNullOrWhiteSpace(body))
            throw new BadRequest("the body is empty; it must be a JSON object " + shape);
        JsonElement root;
        try
        {
            using var doc = JsonDocument.Parse(body, Strict);
            root = doc.RootElement.Clone();
        }
        catch (JsonException e)
        {
            throw new BadRequest("the body is not JSON: " + Echo(e.Message));
        }
        if (root.ValueKind != JsonValueKind.Object)
            throw new BadRequest("the body must be a JSON object " + shape + ", got a JSON " + root.ValueKind.ToString().ToLowerInvariant());
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var field in root.EnumerateObject())
        {
            if (allowed is not null && !allowed.Contains(field.Name))
                throw new BadRequest($"unknown field '{Echo(field.Name)}'; the fields are {string.Join(", ", allowed)}");
            if (!seen.Add(field.Name))
                throw new BadRequest($"field '{field.Name}' is given twice");
        }
        return root;
    }

    /// <summary>A JSON value as text for a message, cut short.</summary>
    public static string Echo(JsonElement value) => Echo(value.GetRawText());

    /// <summary>A request body over the limit.</summary>
    public sealed class TooLarge(long? length) : Exception("request body too large")
    {
        /// <summary>The Content-Length given, if any.</summary>
        public long? Length { get; } = length;
    }
}
