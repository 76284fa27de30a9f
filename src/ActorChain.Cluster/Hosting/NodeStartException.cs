namespace ActorChain.Cluster.Hosting;

/// <summary>
/// Why a node process cannot start or run, in one line for the user (no stack trace), with its exit code: 2 for bad
/// input (flags, ports in use, an unreachable seed, a refused data dir, a genesis mismatch).
/// </summary>
public sealed class NodeStartException(string message, int exitCode = NodeStartException.BadInput) : Exception(message)
{
    /// <summary>The exit code of bad input.</summary>
    public const int BadInput = 2;

    /// <summary>The process's exit code.</summary>
    public int ExitCode { get; } = exitCode;
}
