using Akka.Actor;
using Akka.Configuration;
using Akka.Event;

namespace ActorChain.Simulation.Running;

/// <summary>
/// Akka's log for <c>simulate</c>: warnings and errors on stderr, so stdout carries the summary only. It runs on Akka's
/// internal dispatcher, outside virtual time, and decides nothing.
/// </summary>
public sealed class StderrLogger : ReceiveActor
{
    /// <summary>A logger that writes each event as one line on stderr.</summary>
    public StderrLogger()
    {
        Receive<InitializeLogger>(_ => Sender.Tell(new LoggerInitialized()));
        Receive<LogEvent>(e => Console.Error.WriteLine($"[{e.LogLevel().ToString().Replace("Level", "", StringComparison.Ordinal).ToUpperInvariant()}] {e.LogSource}: {e.Message}{(e.Cause is null ? "" : " (" + e.Cause.Message + ")")}"));
    }

    /// <summary>Messages an actor handles per mailbox run: fewer run-queue round trips; any fixed value is deterministic.</summary>
    public const int Throughput = 1024;

    /// <summary>The actor system config of a run: virtual time (<see cref="Node.Time.SimConfig"/>), warnings and up to stderr.</summary>
    public static Config SystemConfig() =>
        ConfigurationFactory.ParseString($$"""
            akka.loglevel = WARNING
            akka.stdout-loglevel = WARNING
            akka.loggers = ["{{typeof(StderrLogger).AssemblyQualifiedName}}"]
            """).WithFallback(Node.Time.SimConfig.Config(throughput: Throughput));
}
