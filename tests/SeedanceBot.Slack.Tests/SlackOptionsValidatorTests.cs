using SeedanceBot.Testing.Slack;

namespace SeedanceBot.Slack.Tests;

/// <summary>Start-up validation names the key for the chosen mode, says what it should look like, and never echoes a secret.</summary>
public sealed class SlackOptionsValidatorTests
{
    private static string[] Failures(SlackOptions options) =>
        [.. new SlackOptionsValidator().Validate(null, options).Failures ?? []];

    [Fact]
    public void SocketMode_NeedsBotAndAppTokens_NotTheSigningSecret()
    {
        var failures = Failures(new SlackOptions());

        Assert.Contains(failures, f => f.Contains("Slack:BotToken", StringComparison.Ordinal) && f.Contains(FakeSlackTokens.BotPrefix, StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains("Slack:AppToken", StringComparison.Ordinal) && f.Contains(FakeSlackTokens.AppPrefix, StringComparison.Ordinal));
        Assert.DoesNotContain(failures, f => f.Contains("Slack:SigningSecret", StringComparison.Ordinal));
    }

    [Fact]
    public void Http_NeedsTheSigningSecret_NotTheAppToken()
    {
        var failures = Failures(new SlackOptions { Mode = SlackMode.Http, BotToken = FakeSlackTokens.Bot("1-abc") });

        Assert.Equal(["Slack:SigningSecret is required in Http mode (env Slack__SigningSecret): the signing secret from the app's Basic Information page."], failures);
    }

    [Fact]
    public void SwappedTokens_AreRefused_WithoutEchoingThem()
    {
        var options = new SlackOptions { BotToken = FakeSlackTokens.App("1-secret-app-value"), AppToken = FakeSlackTokens.Bot("secret-bot-value") };

        var failures = Failures(options);

        Assert.Contains(failures, f => f.Contains("Slack:BotToken must be a bot token", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains("Slack:AppToken must be an app-level token", StringComparison.Ordinal));
        Assert.DoesNotContain(failures, f => f.Contains("secret", StringComparison.Ordinal) && f.Contains("value", StringComparison.Ordinal));
        Assert.DoesNotContain("secret", options.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void ValidSocketModeSettings_Pass()
    {
        Assert.Empty(Failures(new SlackOptions { BotToken = FakeSlackTokens.Bot("1-abc"), AppToken = FakeSlackTokens.App("1-A1-def") }));
    }
}
