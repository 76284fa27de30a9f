using Akka.Configuration;

namespace ActorChain.Node.Time;

/// <summary>
/// The configuration of a virtual-time actor system (AKKANET.md §1.2): the <see cref="VirtualTimeScheduler"/>, the default
/// dispatcher on the <see cref="SimExecutor"/>, loggers on the internal dispatcher, a local provider and a fixed epoch.
/// </summary>
public static class SimConfig
{
    /// <summary>The HOCON text: virtual time starts at <paramref name="epoch"/>; <paramref name="throughput"/> messages per mailbox run.</summary>
    public static string Hocon(string epoch = "1970-01-01T00:00:00Z", int throughput = 1) => $$"""
        akka {
          scheduler.implementation = "{{typeof(VirtualTimeScheduler).AssemblyQualifiedName}}"
          loggers-dispatcher = "akka.actor.internal-dispatcher"
          log-dead-letters = off
          log-dead-letters-during-shutdown = off
          actor.provider = local
          actor.default-dispatcher {
            type = Dispatcher
            executor = "{{typeof(SimExecutorConfigurator).AssemblyQualifiedName}}"
            throughput = {{throughput}}
            throughput-deadline-time = 0ms
          }
        }
        actorchain.sim.epoch = "{{epoch}}"
        """;

    /// <summary>The parsed <see cref="Hocon"/>.</summary>
    public static Config Config(string epoch = "1970-01-01T00:00:00Z", int throughput = 1)
        => ConfigurationFactory.ParseString(Hocon(epoch, throughput));
}
