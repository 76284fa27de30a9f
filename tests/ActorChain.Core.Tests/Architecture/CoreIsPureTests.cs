using ActorChain.ImpureFixture;
using NetArchTest.Rules;

namespace ActorChain.Core.Tests.Architecture;

/// <summary>
/// Core references no Akka package (ARCHITECTURE.md, "Layers"). The build checks it too (ActorChain.Core.csproj,
/// target ForbidAkkaInCore); the impure fixture proves this rule can fail.
/// </summary>
public sealed class CoreIsPureTests
{
    private static TestResult NoAkka(System.Reflection.Assembly assembly) =>
        Types.InAssembly(assembly).ShouldNot().HaveDependencyOnAny("Akka").GetResult();

    [Fact]
    public void Core_types_depend_on_no_Akka_namespace() =>
        NoAkka(typeof(ActorChain.Core.Conformance.Golden.GoldenRunner).Assembly).IsSuccessful.Should().BeTrue();

    [Fact]
    public void The_rule_catches_an_assembly_that_uses_Akka()
    {
        var result = NoAkka(typeof(ImpureRule).Assembly);
        result.IsSuccessful.Should().BeFalse();
        result.FailingTypeNames.Should().Contain("ActorChain.ImpureFixture.ImpureRule");
    }

    [Fact]
    public void Core_assembly_references_no_Akka_assembly() =>
        typeof(ActorChain.Core.Conformance.Golden.GoldenRunner).Assembly.GetReferencedAssemblies()
            .Select(a => a.Name).Should().NotContain(n => n!.StartsWith("Akka", StringComparison.Ordinal));

    [Fact]
    public void The_reference_check_catches_the_impure_fixture() =>
        typeof(ImpureRule).Assembly.GetReferencedAssemblies()
            .Select(a => a.Name).Should().Contain(n => n!.StartsWith("Akka", StringComparison.Ordinal));
}
