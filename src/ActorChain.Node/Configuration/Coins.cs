using ActorChain.Core;

namespace ActorChain.Node.Configuration;

/// <summary>Coins as written in configs and on the command line (decimals allowed) to gwei; errors name the key or flag.</summary>
public static class Coins
{
    /// <summary><see cref="Units.ParseCoins"/> with a <see cref="SettingsException"/> naming <paramref name="keyPath"/> (a key or a flag).</summary>
    public static ulong ToGwei(string keyPath, string text)
    {
        try
        {
            return Units.ParseCoins(text);
        }
        catch (ArgumentException e)
        {
            throw new SettingsException(keyPath, HoconReads.FirstLine(e.Message));
        }
    }
}
