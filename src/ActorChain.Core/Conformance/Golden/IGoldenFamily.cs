using System.Text.Json;
using System.Text.Json.Nodes;

namespace ActorChain.Core.Conformance.Golden;

/// <summary>
/// One family of the golden vectors (<c>shared/golden/README.md</c>): computes a case's outputs from its input.
/// Implementations are found by reflection, so each family lives in its own file next to the code it checks.
/// </summary>
public interface IGoldenFamily
{
    /// <summary>The family's folder name, e.g. <c>keys</c>.</summary>
    string Name { get; }

    /// <summary>
    /// Computes the outputs of one case. The runner compares them with the case's <c>output</c> field by field
    /// (<see cref="GoldenCompare"/>). <paramref name="expected"/> is given for families whose outputs depend on
    /// which fields the case lists; a family must never copy an expected value into its answer.
    /// </summary>
    JsonNode? Run(string caseName, JsonElement input, JsonElement expected);
}
