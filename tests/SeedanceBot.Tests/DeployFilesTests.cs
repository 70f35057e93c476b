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
        // commands; chat.postMessage/update/delete; the upload flow; the /video form's files; users.info; conversations.join/open/replies.
        Assert.Subset(scopes.ToHashSet(), new HashSet<string> { "commands", "chat:write", "files:write", "files:read", "users:read", "channels:join", "im:write", "channels:history", "groups:history" });
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
    public void Kubernetes_DefaultIsOneReplicaRecreated_ProbesTheBotsEndpoints_AndSetsOnlyRealSettings()
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

    [Fact]
    public void ComposePostgres_RunsTwoReplicasOnPostgres15_BehindAProxyThatChecksReadyz_WithOnlyRealSettings()
    {
        var compose = Load("deploy/docker-compose.postgres.yml");
        var services = (YamlMappingNode)At(compose, "services");
        var postgres = At(services, "postgres");
        var bots = services.Children
            .Where(s => s.Value is YamlMappingNode service && service.Children.ContainsKey(new YamlScalarNode("environment")) && Environment(s.Value).GetValueOrDefault("Storage__Provider") == "Postgres")
            .ToDictionary(s => s.Key.ToString(), s => s.Value);
        var caddyfile = File.ReadAllText(RepoPath("deploy/caddy/Caddyfile"));

        Assert.StartsWith("postgres:15", At(postgres, "image").ToString(), StringComparison.Ordinal);
        Assert.Contains(((YamlSequenceNode)At(postgres, "volumes")).Select(v => v.ToString()), v => v.EndsWith(":/var/lib/postgresql/data", StringComparison.Ordinal));
        Assert.Contains("pg_isready", string.Join(' ', (YamlSequenceNode)At(postgres, "healthcheck", "test")), StringComparison.Ordinal);
        Assert.Equal(2, bots.Count);
        Assert.Equal(2, bots.Values.Select(b => Environment(b)["Replica__Id"]).Distinct().Count());
        foreach (var (name, bot) in bots)
        {
            var environment = Environment(bot);
            Assert.Equal("Http", environment["Discord__Mode"]);
            Assert.Equal("Http", environment["Slack__Mode"]);
            Assert.Contains("Host=postgres;", environment["Storage__ConnectionString"], StringComparison.Ordinal);
            Assert.True(TimeSpan.Parse(environment["Shutdown__Drain"], System.Globalization.CultureInfo.InvariantCulture) > TimeSpan.Zero, name);
            Assert.Contains("--healthcheck=http://127.0.0.1:8080/readyz", ((YamlSequenceNode)At(bot, "healthcheck", "test")).Select(v => v.ToString()));
            Assert.Equal("service_healthy", At(bot, "depends_on", "postgres", "condition").ToString());
            Assert.Equal("SIGTERM", At(bot, "stop_signal").ToString());
            Assert.All(environment.Keys, AssertIsSetting);
            Assert.Matches($@"reverse_proxy[^{{\n]*\b{name}:8080\b", caddyfile);
        }

        Assert.Contains("8080:8080", ((YamlSequenceNode)At(services, "proxy", "ports")).Select(p => p.ToString()));
        Assert.Matches(@"(?m)^\s*health_uri /readyz\s*$", caddyfile);
        Assert.True(((YamlMappingNode)At(compose, "volumes")).Children.ContainsKey(new YamlScalarNode("seedancebot-postgres")));
    }

    [Fact]
    public void KubernetesPostgres_TwoReplicasRolledWithoutGap_WithABudget_TheConnectionStringFromASecret_AndTheReplicaFromThePodName()
    {
        var documents = LoadAll("deploy/kubernetes/postgres/deployment.yaml");
        var deployment = documents.Single(d => At(d, "kind").ToString() == "Deployment");
        var budget = documents.Single(d => At(d, "kind").ToString() == "PodDisruptionBudget");
        var secret = LoadAll("deploy/kubernetes/postgres/secret.example.yaml").Single();
        var container = (YamlMappingNode)((YamlSequenceNode)At(deployment, "spec", "template", "spec", "containers")).Single();
        var env = ((YamlSequenceNode)At(container, "env")).ToDictionary(e => At(e, "name").ToString(), e => (YamlMappingNode)e);

        Assert.Equal("2", At(deployment, "spec", "replicas").ToString());
        Assert.Equal("RollingUpdate", At(deployment, "spec", "strategy", "type").ToString());
        Assert.Equal("0", At(deployment, "spec", "strategy", "rollingUpdate", "maxUnavailable").ToString());
        Assert.Equal("policy/v1", At(budget, "apiVersion").ToString());
        Assert.Equal("1", At(budget, "spec", "minAvailable").ToString());
        Assert.Equal(At(deployment, "spec", "template", "metadata", "labels", "app").ToString(), At(budget, "spec", "selector", "matchLabels", "app").ToString());
        Assert.Equal("Postgres", At(env["Storage__Provider"], "value").ToString());
        var fromSecret = At(env["Storage__ConnectionString"], "valueFrom", "secretKeyRef");
        Assert.Equal(At(secret, "metadata", "name").ToString(), At(fromSecret, "name").ToString());
        Assert.True(((YamlMappingNode)At(secret, "stringData")).Children.ContainsKey(new YamlScalarNode(At(fromSecret, "key").ToString())));
        Assert.Equal("metadata.name", At(env["Replica__Id"], "valueFrom", "fieldRef", "fieldPath").ToString());
        Assert.Equal("/readyz", At(container, "readinessProbe", "httpGet", "path").ToString());
        Assert.Equal("/healthz", At(container, "livenessProbe", "httpGet", "path").ToString());

        // The drain outlasts a failed readiness probe (the Service stops routing) and fits the grace period.
        var drain = TimeSpan.Parse(At(env["Shutdown__Drain"], "value").ToString(), System.Globalization.CultureInfo.InvariantCulture);
        var probe = int.Parse(At(container, "readinessProbe", "periodSeconds").ToString(), System.Globalization.CultureInfo.InvariantCulture)
            * int.Parse(At(container, "readinessProbe", "failureThreshold").ToString(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(drain.TotalSeconds, probe + 1, int.Parse(At(deployment, "spec", "template", "spec", "terminationGracePeriodSeconds").ToString(), System.Globalization.CultureInfo.InvariantCulture) - 10);
        Assert.All(env.Keys, AssertIsSetting);
        Assert.DoesNotContain(env.Keys, k => k == "Storage__Path");
    }

    private static Dictionary<string, string> Environment(YamlNode service) =>
        ((YamlMappingNode)At(service, "environment")).Children.ToDictionary(p => p.Key.ToString(), p => p.Value.ToString());

    private static string RepoPath(string relativePath) =>
        Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "..", relativePath));

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
