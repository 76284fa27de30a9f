using System.Text;

namespace ActorChain.Core.Conformance.Golden;

/// <summary>
/// The vectors name enum values the Java way (<c>WRONG_PROPOSER</c>); C# names them <c>WrongProposer</c>.
/// </summary>
public static class GoldenEnum
{
    /// <summary>The C# value named by a Java constant name.</summary>
    public static T Parse<T>(string javaName) where T : struct, Enum =>
        Enum.TryParse<T>(ToPascal(javaName), ignoreCase: false, out var v) && Enum.IsDefined(v)
            ? v
            : throw new GoldenFormatException($"'{javaName}' is not a {typeof(T).Name}");

    /// <summary>The Java constant name of a C# value.</summary>
    public static string Name<T>(T value) where T : struct, Enum => ToScreamingSnake(value.ToString());

    /// <summary><c>WRONG_PROPOSER</c> → <c>WrongProposer</c>.</summary>
    public static string ToPascal(string screaming)
    {
        var sb = new StringBuilder(screaming.Length);
        foreach (var part in screaming.Split('_', StringSplitOptions.RemoveEmptyEntries))
        {
            sb.Append(char.ToUpperInvariant(part[0])).Append(part[1..].ToLowerInvariant());
        }

        return sb.ToString();
    }

    /// <summary><c>WrongProposer</c> → <c>WRONG_PROPOSER</c>; digits stay with the word before them.</summary>
    public static string ToScreamingSnake(string pascal)
    {
        var sb = new StringBuilder(pascal.Length + 8);
        for (var i = 0; i < pascal.Length; i++)
        {
            var c = pascal[i];
            if (i > 0 && char.IsUpper(c))
            {
                sb.Append('_');
            }

            sb.Append(char.ToUpperInvariant(c));
        }

        return sb.ToString();
    }
}
