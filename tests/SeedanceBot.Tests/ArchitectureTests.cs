using System.Reflection;

namespace SeedanceBot.Tests;

/// <summary>The dependency arrows of STYLE.md, checked on the compiled assemblies: an arrow not drawn there fails.</summary>
public sealed class ArchitectureTests
{
    private static readonly Dictionary<string, string[]> Allowed = new()
    {
        ["SeedanceBot"] = ["*"],
        ["SeedanceBot.Core"] = [],
        ["SeedanceBot.Charts"] = ["SeedanceBot.Core"],
        ["SeedanceBot.Seedance"] = ["SeedanceBot.Core"],
        ["SeedanceBot.ModelArk"] = ["SeedanceBot.Core"],
        ["SeedanceBot.Storage.LiteDb"] = ["SeedanceBot.Core"],
        ["SeedanceBot.Storage.Postgres"] = ["SeedanceBot.Core"],
        ["SeedanceBot.Discord"] = ["SeedanceBot.Core"],
        ["SeedanceBot.Slack"] = ["SeedanceBot.Core"],
        ["SeedanceBot.Playground"] = ["SeedanceBot.Core"],
        ["SeedanceBot.Simulator"] = [],
        ["SeedanceBot.Images"] = ["SeedanceBot.Core"],
    };

    public static TheoryData<string> ProductAssemblies()
    {
        var data = new TheoryData<string>();
        foreach (var name in LoadProductAssemblies().Select(a => a.GetName().Name!))
        {
            data.Add(name);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(ProductAssemblies))]
    public void ProductAssembly_ReferencesOnlyWhatTheStyleAllows(string assemblyName)
    {
        Assert.True(Allowed.TryGetValue(assemblyName, out var allowed), $"{assemblyName} is not in the dependency map of STYLE.md");
        var references = Assembly.Load(assemblyName).GetReferencedAssemblies()
            .Select(r => r.Name!)
            .Where(n => n.StartsWith("SeedanceBot", StringComparison.Ordinal))
            .ToList();

        if (allowed is ["*"])
        {
            return;
        }

        Assert.All(references, r => Assert.Contains(r, allowed));
    }

    [Fact]
    public void ProductTypes_LiveUnderTheirAssemblysNamespace()
    {
        foreach (var assembly in LoadProductAssemblies())
        {
            var name = assembly.GetName().Name!;
            foreach (var type in assembly.GetTypes().Where(t => t.Namespace is not null && !t.IsNested && !t.Name.StartsWith('<')))
            {
                if (type.Name is "Program" || type.Namespace!.StartsWith("Microsoft", StringComparison.Ordinal) || type.Namespace.StartsWith("System", StringComparison.Ordinal))
                {
                    continue;
                }

                Assert.StartsWith(name, type.Namespace, StringComparison.Ordinal);
            }
        }
    }

    private static IEnumerable<Assembly> LoadProductAssemblies()
    {
        var host = typeof(BotApplication).Assembly;
        return host.GetReferencedAssemblies()
            .Where(r => r.Name!.StartsWith("SeedanceBot", StringComparison.Ordinal))
            .Select(Assembly.Load)
            .Append(host)
            .DistinctBy(a => a.FullName);
    }
}
