namespace ActorChain.Node.Storage;

/// <summary>The checks a node's data dir passes before a store opens in it, each failure a one-line <see cref="StoreException"/>.</summary>
internal static class DataDirs
{
    /// <summary><c>dataDir/subDir</c>, created if missing, or a <see cref="StoreException"/> saying why it cannot be used.</summary>
    public static string Prepare(string dataDir, string subDir)
    {
        if (File.Exists(dataDir))
        {
            throw new StoreException($"data dir {dataDir} is not a directory");
        }

        var dir = Path.Combine(dataDir, subDir);
        try
        {
            Directory.CreateDirectory(dir);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new StoreException($"data dir {dataDir} cannot be created: {e.Message.ReplaceLineEndings(" ")}");
        }

        var probe = Path.Combine(dir, ".write-test");
        try
        {
            File.WriteAllBytes(probe, []);
            File.Delete(probe);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new StoreException($"data dir {dataDir} is not writable: give this user write access, or pick another --data-dir");
        }

        return dir;
    }
}
