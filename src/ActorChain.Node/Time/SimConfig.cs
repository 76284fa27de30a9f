using Akka.Configuration;

namespace ActorChain.Node.Time;

public static class SimConfig
{
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

    public static Config Config(string epoch = "1970-01-01T00:00:00Z", int throughput = 1)
        => ConfigurationFactory.ParseString(Hocon(epoch, throughput));
}
