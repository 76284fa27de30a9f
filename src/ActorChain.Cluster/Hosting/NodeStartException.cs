namespace ActorChain.Cluster.Hosting;

/// <summary>
/// Why a node process cannot start or run, in one line for the user (no stack trace), with its exit code: 2 for bad
/// input (flags, ports in use, an unreachable seed, a refused data dir, a genesis mismatch).
/// </summary>
public sealed class NodeStartException(string message, int exitCode = NodeStartException.BadInput, bool genesisMismatch = false)
    : Exception(message)
{
    /// <summary>True when the line is a genesis mismatch this process lost (printed as <c>actorchain: genesis mismatch ...</c>).</summary>
    public bool GenesisMismatch { get; } = genesisMismatch;

    /// <summary>The exit code of bad input.</summary>
    public const int BadInput = 2;

    /// <summary>The process's exit code.</summary>
    public int ExitCode { get; } = exitCode;
}
