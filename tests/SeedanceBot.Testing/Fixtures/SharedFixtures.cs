namespace SeedanceBot.Testing.Fixtures;

/// <summary>
/// The payload samples in <c>../shared/fixtures/</c> (beside the repository, as in CI): found by walking up from the
/// test binaries, so a test reads the published sample itself rather than a copy.
/// </summary>
public static class SharedFixtures
{
    public static string Read(string relativePath)
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "shared", "fixtures", relativePath);
            if (File.Exists(candidate))
            {
                return File.ReadAllText(candidate);
            }
        }

        throw new FileNotFoundException($"shared/fixtures/{relativePath} was not found above {AppContext.BaseDirectory}; clone the repository with ../shared beside it.");
    }
}
