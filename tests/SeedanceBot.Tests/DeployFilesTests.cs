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

    [Fact]
    public void Compose_KeepsTheDatabaseOnAVolume_ChecksHealthWithTheBinary_AndSetsOnlyRealSettings()
    {
        var compose = Load("deploy/docker-compose.yml");
        var bot = At(compose, "services", "seedancebot");

        var environment = ((YamlMappingNode)At(bot, "environment")).Children.ToDictionary(p => p.Key.ToString(), p => p.Value.ToString());
        Assert.Equal("/data/seedancebot.db", environment["Storage__Path"]);
        Assert.Contains("seedancebot-data:/data", ((YamlSequenceNode)At(bot, "volumes")).Select(v => v.ToString()));
        Assert.Contains("--healthcheck", ((YamlSequenceNode)At(bot, "healthcheck", "test")).Select(v => v.ToString()));
        Assert.Equal(".env", ((YamlSequenceNode)At(bot, "env_file")).Single().ToString());
        Assert.All(environment.Keys, AssertIsSetting);
    }

    [Fact]
    public void EnvExample_NamesOnlySettingsTheAppReads()
    {
        var path = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "..", "deploy/.env.example"));
        var keys = File.ReadAllLines(path)
            .Select(l => l.TrimStart('#', ' '))
            .Where(l => System.Text.RegularExpressions.Regex.IsMatch(l, "^[A-Za-z]+__[A-Za-z0-9_]+="))
            .Select(l => l[..l.IndexOf('=', StringComparison.Ordinal)])
            .ToList();

        Assert.Contains("Slack__AppToken", keys);
        Assert.Contains("ModelArk__ApiKey", keys);
        Assert.All(keys, AssertIsSetting);
    }

    [Fact]
    public void Kubernetes_OneReplicaRecreated_ProbesTheBotsEndpoints_AndSetsOnlyRealSettings()
    {
        var documents = LoadAll("deploy/kubernetes/deployment.yaml");
        var deployment = documents.Single(d => At(d, "kind").ToString() == "Deployment");
        var container = (YamlMappingNode)((YamlSequenceNode)At(deployment, "spec", "template", "spec", "containers")).Single();
        var secret = LoadAll("deploy/kubernetes/secret.example.yaml").Single();
        var claim = LoadAll("deploy/kubernetes/pvc.yaml").Single();

        Assert.Equal("1", At(deployment, "spec", "replicas").ToString());
        Assert.Equal("Recreate", At(deployment, "spec", "strategy", "type").ToString());
        Assert.Equal("/healthz", At(container, "livenessProbe", "httpGet", "path").ToString());
        Assert.Equal("/readyz", At(container, "readinessProbe", "httpGet", "path").ToString());
        Assert.Equal("/data", At(((YamlSequenceNode)At(container, "volumeMounts"))[0], "mountPath").ToString());
        Assert.Equal("ReadWriteOnce", ((YamlSequenceNode)At(claim, "spec", "accessModes")).Single().ToString());
        Assert.Equal(At(claim, "metadata", "name").ToString(), At(((YamlSequenceNode)At(deployment, "spec", "template", "spec", "volumes"))[0], "persistentVolumeClaim", "claimName").ToString());
        var env = ((YamlSequenceNode)At(container, "env")).Select(e => At(e, "name").ToString());
        var secretKeys = ((YamlMappingNode)At(secret, "stringData")).Children.Keys.Select(k => k.ToString());
        Assert.All(env.Concat(secretKeys), AssertIsSetting);
        Assert.Equal(At(secret, "metadata", "name").ToString(), At(((YamlSequenceNode)At(container, "envFrom"))[0], "secretRef", "name").ToString());
    }

    private static void AssertIsSetting(string environmentKey)
    {
        var key = environmentKey.Replace("__", ":", StringComparison.Ordinal);
        Assert.True(key.StartsWith("Logging:", StringComparison.Ordinal) || ExampleSettingsTests.IsSetting(key), $"{environmentKey} is not a setting the bot reads");
    }

    private static List<YamlNode> LoadAll(string relativePath)
    {
        var path = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "..", relativePath));
        using var reader = new StreamReader(path);
        var yaml = new YamlStream();
        yaml.Load(reader);
        return [.. yaml.Documents.Select(d => d.RootNode)];
    }
}
