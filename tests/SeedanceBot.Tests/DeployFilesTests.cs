using Microsoft.Extensions.DependencyInjection;
using SeedanceBot.Core.Commands;
using YamlDotNet.RepresentationModel;

namespace SeedanceBot.Tests;

/// <summary>The files in deploy/ parse, and say what the code does: the Slack manifest declares every command the bot answers and the scopes it calls.</summary>
public sealed class DeployFilesTests
{
    private static YamlMappingNode Load(string relativePath)
    {
        var path = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "..", relativePath));
        using var reader = new StreamReader(path);
        var yaml = new YamlStream();
        yaml.Load(reader);
        return (YamlMappingNode)yaml.Documents.Single().RootNode;
    }

    private static YamlNode At(YamlNode node, params string[] path) =>
        path.Aggregate(node, (current, key) => ((YamlMappingNode)current).Children[new YamlScalarNode(key)]);

    [Fact]
    public async Task SlackManifest_DeclaresEveryCommandTheBotAnswers()
    {
        var manifest = Load("deploy/slack-app-manifest.yml");
        await using var app = await BotApplication.BuildAsync(["--Storage:Path=" + Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N"), "bot.db")]);
        var answered = app.Services.GetRequiredService<CommandRouter>().Names.Select(n => "/" + n).Order();

        var declared = ((YamlSequenceNode)At(manifest, "features", "slash_commands")).Select(c => At(c, "command").ToString()).Order();

        Assert.Equal(answered, declared);
        Assert.All((YamlSequenceNode)At(manifest, "features", "slash_commands"), c => Assert.False(string.IsNullOrWhiteSpace(At(c, "description").ToString())));
    }

    [Fact]
    public void SlackManifest_EnablesSocketModeAndInteractivity_WithTheScopesTheAdapterCalls()
    {
        var manifest = Load("deploy/slack-app-manifest.yml");

        var scopes = ((YamlSequenceNode)At(manifest, "oauth_config", "scopes", "bot")).Select(s => s.ToString()).ToList();

        Assert.Equal("true", At(manifest, "settings", "socket_mode_enabled").ToString());
        Assert.Equal("true", At(manifest, "settings", "interactivity", "is_enabled").ToString());
        // commands; chat.postMessage/update/delete; the upload flow; users.info; conversations.join/open/replies.
        Assert.Subset(scopes.ToHashSet(), new HashSet<string> { "commands", "chat:write", "files:write", "users:read", "channels:join", "im:write", "channels:history", "groups:history" });
        Assert.InRange(At(manifest, "display_information", "name").ToString().Length, 1, 35);
    }
}
