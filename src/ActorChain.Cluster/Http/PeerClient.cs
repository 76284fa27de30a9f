using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using ActorChain.Cluster.Hosting;

namespace ActorChain.Cluster.Http;

/// <summary>Calls another member's HTTP API (at the host of its Akka address and its <c>httpPort</c>), each call bounded by a timeout.</summary>
public sealed class PeerClient(HttpClient http)
{
    /// <summary>One call's outcome: the status and JSON body, or why there was none.</summary>
    /// <param name="Status">The HTTP status, or 0 when the member did not answer.</param>
    /// <param name="Body">The JSON body, or null.</param>
    /// <param name="Failure">Why the member did not answer, or null.</param>
    public sealed record Reply(int Status, JsonNode? Body, string? Failure)
    {
        /// <summary>True when the member answered with JSON.</summary>
        public bool Answered => Failure is null;
    }

    /// <summary>The host of a member's Akka address (<c>akka.tcp://sys@HOST:PORT</c>), 127.0.0.1 if it has none.</summary>
    public static string HostOf(MemberView m)
    {
        var a = AddressOf(m);
        var colon = a.LastIndexOf(':');
        var host = colon > 0 ? a[..colon] : a;
        return host.Length == 0 ? "127.0.0.1" : host;
    }

    /// <summary>A member's address as shown: <c>HOST:PORT</c> of its Akka address.</summary>
    public static string AddressOf(MemberView m)
    {
        var a = m.Address;
        var at = a.LastIndexOf('@');
        if (at >= 0)
            a = a[(at + 1)..];
        return a.TrimEnd('/');
    }

    /// <summary><paramref name="method"/> <paramref name="pathAndQuery"/> on <paramref name="member"/> with an optional JSON body, within <paramref name="timeout"/>.</summary>
    public async Task<Reply> SendAsync(HttpMethod method, MemberView member, string pathAndQuery, string? body, TimeSpan timeout,
        CancellationToken ct)
    {
        var who = $"node {member.NodeId?.ToString() ?? "?"} ({AddressOf(member)})";
        if (member.HttpPort is not { } port)
            return new Reply(0, null, who + " has not told its HTTP port yet");
        var uri = new Uri($"http://{HostOf(member)}:{port}{pathAndQuery}");
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        cts.CancelAfter(timeout);
        try
        {
            using var request = new HttpRequestMessage(method, uri);
            if (body is not null)
                request.Content = new StringContent(body, Encoding.UTF8, new MediaTypeHeaderValue("application/json"));
            using var response = await http.SendAsync(request, cts.Token);
            var text = await response.Content.ReadAsStringAsync(cts.Token);
            JsonNode? json;
            try
            {
                json = JsonNode.Parse(text);
            }
            catch (System.Text.Json.JsonException)
            {
                return new Reply((int)response.StatusCode, null, $"{who} answered HTTP {(int)response.StatusCode} without JSON: {ApiJson.Echo(text)}");
            }
            return new Reply((int)response.StatusCode, json, null);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return new Reply(0, null, $"{who} did not answer within {timeout.TotalMilliseconds:0} ms at {uri.Authority}");
        }
        catch (HttpRequestException e)
        {
            return new Reply(0, null, $"{who} did not answer at {uri.Authority}: {ApiJson.Echo(e.Message)}");
        }
    }
}
