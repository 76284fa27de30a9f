using System.Reflection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace ActorChain.Cluster.Dashboard;

/// <summary>
/// The live dashboard's files (<c>Dashboard/wwwroot</c>, embedded in this assembly): <c>GET /</c> is the page,
/// <c>GET /dashboard/{file}</c> its scripts and styles. Every asset is local: no CDN.
/// </summary>
public static class DashboardAssets
{
    private const string Prefix = "ActorChain.Cluster.Dashboard.wwwroot.";

    /// <summary>Maps <c>/</c> and <c>/dashboard/{file}</c> on <paramref name="app"/>.</summary>
    public static void Map(WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapGet("/", () => Asset("index.html"));
        app.MapGet("/dashboard/{file}", (string file) => Asset(file));
    }

    private static IResult Asset(string file)
    {
        var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(Prefix + file);
        if (stream is null) return Results.Json(new { error = "no such file: " + file, kind = "not-found" }, statusCode: 404);
        var type = Path.GetExtension(file) switch
        {
            ".html" => "text/html; charset=utf-8",
            ".js" => "text/javascript; charset=utf-8",
            ".css" => "text/css; charset=utf-8",
            ".svg" => "image/svg+xml",
            _ => "application/octet-stream",
        };
        return Results.Stream(stream, type);
    }
}
