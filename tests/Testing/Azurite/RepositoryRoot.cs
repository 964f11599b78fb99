namespace MedLedger.Testing.Azurite;

/// <summary>Finds the repository root: the nearest directory above the test binaries that holds Serverless.sln.</summary>
public static class RepositoryRoot
{
    /// <summary>Walks up from <paramref name="start"/> (default: the test assembly's directory).</summary>
    /// <exception cref="InvalidOperationException">No Serverless.sln above the start directory.</exception>
    public static string Find(string? start = null)
    {
        for (var directory = new DirectoryInfo(start ?? AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Serverless.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No Serverless.sln found above '{start ?? AppContext.BaseDirectory}'.");
    }
}
