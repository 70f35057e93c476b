using System.Diagnostics.CodeAnalysis;
using System.Reflection;

namespace SeedanceBot.Storage.LiteDb.Tests;

public sealed class LiteDbContextTrimmingTests
{
    /// <summary>
    /// LiteDB's mapper finds a document's members by reflection, which the Native AOT image only keeps for the types
    /// <see cref="LiteDbContext"/> names: a document type added without its line there would lose its properties in the
    /// image alone, never in a test run.
    /// </summary>
    [Fact]
    public void Constructor_KeepsEveryDocumentTypeForTheMapper()
    {
        var kept = typeof(LiteDbContext).GetConstructors()
            .SelectMany(c => c.GetCustomAttributes<DynamicDependencyAttribute>())
            .Select(a => a.Type!.Name)
            .Order(StringComparer.Ordinal);
        var documents = typeof(LiteDbContext).Assembly.GetTypes()
            .Where(t => t.IsClass && t.Name.EndsWith("Document", StringComparison.Ordinal))
            .Select(t => t.Name)
            .Order(StringComparer.Ordinal);

        Assert.Equal(documents, kept);
    }
}
