namespace SeedanceBot.Testing.Fixtures;

/// <summary>
/// The payload samples and published specs in <c>tests/SeedanceBot.Testing/Fixtures/</c> (see its README for where each
/// comes from), copied next to the test binaries by the build, so a clone of the repository tests itself.
/// </summary>
public static class RepoFixtures
{
    public static string PathOf(string relativePath)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Fixtures", relativePath);
        return File.Exists(path) ? path : throw new FileNotFoundException($"The fixture Fixtures/{relativePath} is not next to the test binaries ({AppContext.BaseDirectory}).", path);
    }

    public static string Read(string relativePath) => File.ReadAllText(PathOf(relativePath));
}
