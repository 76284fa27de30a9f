using System.Text.RegularExpressions;
using Xunit;

namespace MyChain.Tests;

/// <summary>The README's "Write your own scenario test" example is this project's ReadmeExample.cs, so it compiles and passes.</summary>
public class ReadmeTests
{
    private const string Section = "## Write your own scenario test";

    [Fact]
    public void The_readme_example_is_the_compiled_and_tested_ReadmeExample_file()
    {
        var readme = File.ReadAllText(Path.Combine(Repository.Root, "README.md"));
        var start = readme.IndexOf(Section + "\n", StringComparison.Ordinal);
        Assert.True(start >= 0, $"README.md has no section \"{Section}\"");
        var end = readme.IndexOf("\n## ", start + Section.Length, StringComparison.Ordinal);
        var section = end < 0 ? readme[start..] : readme[start..end];
        var block = Regex.Match(section, "```csharp\n(.*?)```", RegexOptions.Singleline);
        Assert.True(block.Success, $"the README section \"{Section}\" has no ```csharp block");

        var example = File.ReadAllText(Path.Combine(Repository.Root, "tests", "ActorChain.TestKit.Example", "ReadmeExample.cs"));

        Assert.Equal(Normalize(example), Normalize(block.Groups[1].Value));
        Assert.True(Normalize(example).Split('\n').Length < 30, "the README example stays under 30 lines");
    }

    private static string Normalize(string text) =>
        string.Join("\n", text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n').Select(l => l.TrimEnd())).Trim('\n');
}
