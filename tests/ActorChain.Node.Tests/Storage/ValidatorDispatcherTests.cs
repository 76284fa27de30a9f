using ActorChain.Node.Configuration;
using ActorChain.Node.Storage;
using ActorChain.Node.Tests.Validators;
using ActorChain.Node.Validators;
using Akka.Actor;
using Akka.Configuration;

namespace ActorChain.Node.Tests.Storage;

/// <summary>Validators run on their own dispatcher in a cluster node only: cluster.hocon defines it, embedded runs keep the default.</summary>
public sealed class ValidatorDispatcherTests
{
    [Fact]
    public async Task Embedded_validators_stay_on_the_default_dispatcher_and_a_cluster_node_names_its_own()
    {
        var system = ActorSystem.Create("dispatchers", ConfigurationFactory.ParseString("akka.actor.provider = local")
            .WithFallback(ConfigurationFactory.ParseString(ChainSettingsLoader.DefaultHocon)));
        using var stores = NodeStores.InMemory();
        var embedded = ValidatorFixture.NodeWith(system, stores, ActorRefs.Nobody);
        var cluster = embedded with { ValidatorDispatcher = NodeContext.ClusterValidatorDispatcher };

        embedded.ValidatorDispatcher.Should().BeNull();
        ValidatorActor.Create(embedded, "v0", ValidatorFixture.Config, ActorRefs.Nobody, ActorRefs.Nobody).Dispatcher
            .Should().Be(Akka.Dispatch.Dispatchers.DefaultDispatcherId);
        ValidatorActor.Create(cluster, "v0", ValidatorFixture.Config, ActorRefs.Nobody, ActorRefs.Nobody).Dispatcher
            .Should().Be("actorchain.validator-dispatcher");
        system.Dispatchers.HasDispatcher(NodeContext.ClusterValidatorDispatcher).Should().BeTrue("cluster.hocon defines it");
        system.Dispatchers.Lookup(NodeContext.ClusterValidatorDispatcher).Should().NotBeNull();
        await system.Terminate().WaitAsync(TimeSpan.FromSeconds(10));
    }
}
