using ActorChain.Simulation.Scenarios;

namespace ActorChain.Cli.Commands;

/// <summary>
/// Durations as flags take them: the scenario files' grammar (<see cref="ProblemList.TryMillis"/>: <c>500ms</c>, <c>90s</c>,
/// <c>1.5m</c>, <c>2 minutes</c>, <c>1h</c>), except that a flag names its unit.
/// </summary>
public static class Durations
{
    /// <summary>Parses <paramref name="text"/>; a <see cref="UsageException"/> naming <paramref name="flag"/> when it is not a positive duration.</summary>
    public static TimeSpan Parse(string flag, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var t = text.Trim();
        if (t.Length > 0 && !char.IsAsciiDigit(t[^1]) && ProblemList.TryMillis(t, out var ms) && ms > 0)
        {
            try
            {
                return TimeSpan.FromMilliseconds(ms);
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
