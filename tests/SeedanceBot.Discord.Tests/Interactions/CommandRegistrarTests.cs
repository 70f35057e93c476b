using System.Text.Json.Nodes;
using Microsoft.Extensions.Hosting;
using SeedanceBot.Discord.Interactions;

namespace SeedanceBot.Discord.Tests.Interactions;

/// <summary>Start-up registration against the fake: a bulk overwrite when the definitions changed, none when they did not.</summary>
public sealed class CommandRegistrarTests
{
    [Fact]
    public async Task StartAsync_RegistersOnce_ThenFindsTheCommandsUpToDate_DespiteDiscordsExtraFields()
    {
        await using var harness = await DiscordHarness.StartAsync();
        var registrar = harness.Get<IEnumerable<IHostedService>>().OfType<CommandRegistrar>().Single();

        await registrar.StartAsync(CancellationToken.None);
        await registrar.StartAsync(CancellationToken.None);

        Assert.Equal(1, harness.Discord.CommandPuts);
        Assert.Contains(harness.Discord.Requests, r => r.Method == "PUT" && r.Path == $"/applications/{Testing.Discord.FakeDiscord.ApplicationId}/commands");
        var names = harness.Discord.RegisteredCommands.Select(c => (string?)c!["name"]).ToList();
        Assert.Equal(["video", "storyboard", "styles", "balance", "status", "quota", "backup", "usage", "help"], names);
        var quota = harness.Discord.RegisteredCommands.Single(c => (string?)c!["name"] == "quota")!;
        Assert.Equal("32", (string?)quota["default_member_permissions"]);
    }

    [Fact]
    public async Task StartAsync_WithGuildIds_RegistersPerGuild()
    {
        await using var harness = await DiscordHarness.StartAsync(new() { ["Discord:GuildIds:0"] = "1200000000000000000" });
        var registrar = harness.Get<IEnumerable<IHostedService>>().OfType<CommandRegistrar>().Single();

        await registrar.StartAsync(CancellationToken.None);

        Assert.Contains(harness.Discord.Requests, r => r.Method == "PUT" && r.Path.EndsWith("/guilds/1200000000000000000/commands", StringComparison.Ordinal));
    }

    [Fact]
    public void Definitions_FollowDiscordsRules()
    {
        var commands = DiscordCommands.Definitions();

        Assert.All(commands, command =>
        {
            Assert.Matches("^[-_a-z0-9]{1,32}$", (string?)command!["name"]);
            Assert.InRange(((string?)command["description"])!.Length, 1, 100);
            var options = command["options"]!.AsArray();
            Assert.True(options.Count <= 25);
            AssertOptions(options);
        });

        static void AssertOptions(JsonArray options)
        {
            var required = options.Select(o => (bool?)o!["required"] == true).ToList();
            Assert.Equal(required.OrderByDescending(r => r), required);
            foreach (var option in options)
            {
                Assert.True(option!["choices"] is null || option["autocomplete"] is null, "choices and autocomplete exclude each other");
                Assert.True((option["choices"]?.AsArray().Count ?? 0) <= 25);
                if (option["options"] is JsonArray nested)
                {
                    AssertOptions(nested);
                }
            }
        }
    }

    [Fact]
    public void Matches_IgnoresDiscordsOwnFields_ButSeesAChangedDescription()
    {
        var wanted = DiscordCommands.Definitions();
        var current = (JsonArray)wanted.DeepClone();
        foreach (var command in current)
        {
            command!["id"] = "1";
            command["version"] = "2";
            command["nsfw"] = false;
        }

        Assert.True(CommandRegistrar.Matches(wanted, current));
        current[0]!["description"] = "something else";
        Assert.False(CommandRegistrar.Matches(wanted, current));
    }
}
