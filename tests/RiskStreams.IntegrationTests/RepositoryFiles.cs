namespace RiskStreams.IntegrationTests;

/// <summary>Files of the repository the tests run from (deploy manifests, compose file).</summary>
internal static class RepositoryFiles
{
    /// <summary>The checkout's root: the folder above the test binaries holding RiskStreams.sln.</summary>
    public static string Root { get; } = FindRoot();

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "RiskStreams.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No RiskStreams.sln above {AppContext.BaseDirectory}.");
    }
}
