using System.Text;

namespace ActorChain.Node.Chain;

/// <summary>Enum values as the Java node wrote them in events: <c>WrongTarget</c> → <c>WRONG_TARGET</c>.</summary>
internal static class EnumNames
{
    /// <summary>The upper snake-case name of <paramref name="value"/>.</summary>
    public static string Upper<T>(T value)
        where T : struct, Enum
    {
        var name = value.ToString();
        var sb = new StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (i > 0 && char.IsUpper(c))
            {
                sb.Append('_');
            }

            sb.Append(char.ToUpperInvariant(c));
        }

        return sb.ToString();
    }
}
