using System.Reflection;
using Microsoft.Extensions.Configuration;
using SeedanceBot.Core.Costs;
using SeedanceBot.Core.Jobs;
using SeedanceBot.Core.Quotas;
using SeedanceBot.Core.Replicas;
using SeedanceBot.Discord;
using SeedanceBot.ModelArk;
using SeedanceBot.Playground;
using SeedanceBot.Seedance;
using SeedanceBot.Simulator;
using SeedanceBot.Slack;
using SeedanceBot.Storage.LiteDb;
using SeedanceBot.Storage.Postgres;

namespace SeedanceBot.Tests;

/// <summary>appsettings.example.json documents the real settings: every key in it is one the app reads, with a value it accepts.</summary>
public sealed class ExampleSettingsTests
{
    internal static readonly Dictionary<string, Type[]> Sections = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Seedance"] = [typeof(SeedanceOptions), typeof(JobOptions)],
        ["Discord"] = [typeof(DiscordOptions)],
        ["Slack"] = [typeof(SlackOptions)],
        ["ModelArk"] = [typeof(ModelArkOptions)],
        ["Storage"] = [typeof(StorageProviderOptions), typeof(StorageOptions), typeof(PostgresStorageOptions)],
        ["Quotas"] = [typeof(QuotaOptions)],
        ["Pricing"] = [typeof(PricingOptions)],
        ["Jobs"] = [typeof(JobOptions)],
        ["Playground"] = [typeof(PlaygroundOptions)],
        ["Simulator"] = [typeof(SimulatorOptions)],
        ["Replica"] = [typeof(ReplicaOptions)],
        ["Shutdown"] = [typeof(ShutdownOptions)],
    };

    private static IConfigurationRoot Example()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "..", "appsettings.example.json");
        return new ConfigurationBuilder().AddJsonFile(Path.GetFullPath(path), optional: false).Build();
    }

    [Fact]
    public void EveryKey_IsAPropertyOfTheOptionsThatReadItsSection()
    {
        var configuration = Example();

        foreach (var section in configuration.GetChildren())
        {
            Assert.True(Sections.TryGetValue(section.Key, out var types), $"section {section.Key} is read by nothing");
            foreach (var leaf in section.AsEnumerable(makePathsRelative: true).Where(p => p.Key.Length > 0))
            {
                var path = leaf.Key.Split(':');
                if (path.Length > 1 && int.TryParse(path[^1], out _))
                {
                    path = path[..^1];
                }

                Assert.True(types.Any(t => HasPath(t, path)), $"{section.Key}:{leaf.Key} is not a setting of {string.Join(" or ", types.Select(t => t.Name))}");
            }
        }
    }

    [Fact]
    public void EverySection_BindsWithoutErrors()
    {
        var configuration = Example();

        foreach (var (name, types) in Sections)
        {
            foreach (var type in types)
            {
                var bound = configuration.GetSection(name).Get(type);
                Assert.True(bound is not null || !configuration.GetSection(name).Exists(), $"{name} did not bind to {type.Name}");
            }
        }
    }

    [Fact]
    public void Pricing_IsTheDefaultsTheReadmeStates_AndNoBudgetByDefault()
    {
        var configuration = Example();
        var pricing = configuration.GetSection(PricingOptions.SectionName).Get<PricingOptions>()!;
        var quotas = configuration.GetSection(QuotaOptions.SectionName).Get<QuotaOptions>()!;
        var defaults = new PricingOptions();

        Assert.Equal(defaults.Currency, pricing.Currency);
        Assert.Equal(defaults.PerVideoSecond, pricing.PerVideoSecond);
        Assert.Equal(
            defaults.PerMillionTokens.SelectMany(m => m.Value.Select(r => $"{m.Key}:{r.Key}={r.Value}")).Order(StringComparer.Ordinal),
            pricing.PerMillionTokens.SelectMany(m => m.Value.Select(r => $"{m.Key}:{r.Key}={r.Value}")).Order(StringComparer.Ordinal));
        Assert.Equal([null, null, null, null], new[] { quotas.DailyBudget, quotas.MonthlyBudget, quotas.WorkspaceDailyBudget, quotas.WorkspaceMonthlyBudget });
    }

    /// <summary>True when <paramref name="key"/> (<c>Section:Key:Sub</c>) is a setting some options class reads.</summary>
    internal static bool IsSetting(string key)
    {
        var path = key.Split(':');
        if (path.Length > 1 && int.TryParse(path[^1], out _))
        {
            path = path[..^1];
        }

        return Sections.TryGetValue(path[0], out var types) && path.Length > 1 && types.Any(t => HasPath(t, path[1..]));
    }

    private static bool HasPath(Type type, string[] path)
    {
        if (int.TryParse(path[0], out _))
        {
            // An item of a list (Styles:0:Id): go on with the item type.
            var item = type.IsGenericType ? type.GetGenericArguments()[^1] : type.GetElementType();
            return item is not null && (path.Length == 1 || HasPath(item, [.. path.Skip(1)]));
        }

        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(Dictionary<,>))
        {
            // A map keyed by data (Pricing:PerMillionTokens:<model>:<resolution>): any key, then the value type.
            var value = type.GetGenericArguments()[1];
            return path.Length == 1 || HasPath(value, [.. path.Skip(1)]);
        }

        var property = type.GetProperty(path[0], BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase);
        if (property is null)
        {
            return false;
        }

        return path.Length == 1 || HasPath(property.PropertyType, [.. path.Skip(1)]);
    }
}
