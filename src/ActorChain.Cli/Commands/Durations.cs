using System.Globalization;

namespace ActorChain.Cli.Commands;

/// <summary>Durations as flags take them: a whole number and a unit, <c>500ms</c>, <c>90s</c>, <c>2m</c>, <c>1h</c>.</summary>
public static class Durations
{
    /// <summary>Parses <paramref name="text"/>; a <see cref="UsageException"/> naming <paramref name="flag"/> when it is not a positive duration.</summary>
    public static TimeSpan Parse(string flag, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var t = text.Trim();
        var digits = 0;
        while (digits < t.Length && char.IsAsciiDigit(t[digits])) digits++;
        var unit = t[digits..];
        if (digits > 0 && digits <= 9 && long.TryParse(t[..digits], NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0)
        {
            try
            {
                switch (unit)
                {
                    case "ms": return TimeSpan.FromMilliseconds(n);
                    case "s": return TimeSpan.FromSeconds(n);
                    case "m" or "min": return TimeSpan.FromMinutes(n);
                    case "h": return TimeSpan.FromHours(n);
                }
            }
            catch (Exception e) when (e is OverflowException or ArgumentOutOfRangeException)
            {
                throw new UsageException($"{flag}: too long a duration, got '{text}'");
            }
        }

        throw new UsageException($"{flag}: must be a positive duration such as 500ms, 90s, 2m or 1h, got '{text}'");
    }
}

/// <summary>Bad input on the command line: the message is the one line printed before exit code 2.</summary>
public sealed class UsageException(string message) : Exception(message);
