using ActorChain.Node.Configuration;
using Akka.Actor;
using Akka.Configuration;
using Akka.Serialization;

namespace ActorChain.Node.Tests.Network;

/// <summary>
/// Akka configurations of the wire tests: the repository's serializer bindings (cluster.hocon), and the strict variant
/// of the actor tests, where every local message is serialized (<c>serialize-messages = on</c>) and anything of
/// ActorChain's that is neither <see cref="ActorChain.Node.Network.IWireMessage"/> nor
/// <see cref="INoSerializationVerificationNeeded"/> fails loudly instead of falling through to Akka's JSON serializer.
/// </summary>
public static class WireConfig
{
    /// <summary>The repository's cluster.hocon (as built into ActorChain.Node).</summary>
    public static Config Repo { get; } = ConfigurationFactory.ParseString(ChainSettingsLoader.DefaultHocon);

    /// <summary>The strict layer: local provider, serialize-messages on, System.Object bound to <see cref="StrictJsonSerializer"/>.</summary>
    public static Config StrictLayer { get; } = ConfigurationFactory.ParseString($$"""
        akka.actor {
          provider = local
          serialize-messages = on
          serializers.strict = "{{typeof(StrictJsonSerializer).AssemblyQualifiedName}}"
          serialization-bindings { "System.Object" = strict }
        }
        """);

    /// <summary><paramref name="inner"/> (the test's own settings) over <see cref="StrictLayer"/> over the repository's bindings.</summary>
    public static Config Strict(Config? inner = null) =>
        (inner ?? Config.Empty).WithFallback(StrictLayer).WithFallback(Repo);

    /// <summary><paramref name="inner"/> over <see cref="StrictLayer"/> over the repository's bindings.</summary>
    public static Config Strict(string inner) => Strict(ConfigurationFactory.ParseString(inner));
}

/// <summary>
/// Akka's JSON serializer, but a type of ActorChain's is refused: it must be an <c>IWireMessage</c> (it crosses
/// processes, <c>WireSerializer</c>) or <see cref="INoSerializationVerificationNeeded"/> (it never leaves one).
/// Akka's own messages (and primitives) still go to JSON as they would in production.
/// </summary>
public sealed class StrictJsonSerializer(ExtendedActorSystem system) : NewtonSoftJsonSerializer(system)
{
    /// <inheritdoc />
    public override int Identifier => 4299;

    /// <inheritdoc />
    public override byte[] ToBinary(object obj)
    {
        if (obj is not null && obj.GetType().Assembly.GetName().Name!.StartsWith("ActorChain", StringComparison.Ordinal))
            throw new InvalidOperationException(
                $"{obj.GetType().FullName} would fall through to Akka's JSON serializer: make it an IWireMessage if it crosses " +
                "processes, INoSerializationVerificationNeeded if it never leaves one");
        return base.ToBinary(obj!);
    }
}
