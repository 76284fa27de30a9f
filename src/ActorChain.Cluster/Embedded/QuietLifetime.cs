using Microsoft.Extensions.Hosting;

namespace ActorChain.Cluster.Embedded;

/// <summary>
/// A host lifetime that leaves the process's signals alone: <c>run</c> owns Ctrl-C and SIGTERM (it stops the network
/// and prints its summary), so its web host must not take them (the default console lifetime would stop only the web
/// server and swallow the signal).
/// </summary>
internal sealed class QuietLifetime : IHostLifetime
{
    /// <inheritdoc />
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
