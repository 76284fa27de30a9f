using System.Globalization;

namespace ActorChain.Cli.View;

/// <summary>The CPU time the calling thread has used, from Linux's <c>/proc/thread-self/stat</c>; null elsewhere.</summary>
public static class ThreadCpu
{
    /// <summary>Clock ticks per second of the stat file's utime and stime (USER_HZ, 100 on Linux).</summary>
    private const double TicksPerSecond = 100;

    /// <summary>User plus system CPU time of the calling thread so far, or null when the platform does not tell.</summary>
    public static TimeSpan? Now()
    {
        try
        {
            const string path = "/proc/thread-self/stat";
            if (!File.Exists(path)) return null;
            var stat = File.ReadAllText(path);
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            // After the command name: field 3 (state) is fields[0], so utime (14) and stime (15) are fields[11] and [12].
            var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
            return TimeSpan.FromSeconds(ticks / TicksPerSecond);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException or ArgumentOutOfRangeException)
        {
            return null;
        }
    }
}
