namespace SeedanceBot.Discord.Tests;

/// <summary>Start-up validation names the key, says what it should look like, and never echoes a secret.</summary>
public sealed class DiscordOptionsValidatorTests
{
    private static string[] Failures(DiscordOptions options) =>
        [.. new DiscordOptionsValidator().Validate(null, options).Failures ?? []];

    [Fact]
    public void Gateway_NeedsTokenAndApplicationId()
    {
        var failures = Failures(new DiscordOptions());

        Assert.Contains(failures, f => f.Contains("Discord:Token", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains("Discord:ApplicationId", StringComparison.Ordinal));
        Assert.DoesNotContain(failures, f => f.Contains("Discord:PublicKey", StringComparison.Ordinal));
    }

    [Fact]
    public void Http_NeedsTheHexPublicKey()
    {
        var options = new DiscordOptions { Mode = DiscordMode.Http, Token = "abc.def", ApplicationId = "1300000000000000000", PublicKey = "not-hex" };

        Assert.Contains(Failures(options), f => f.Contains("Discord:PublicKey", StringComparison.Ordinal) && f.Contains("64 hex", StringComparison.Ordinal));
    }

    [Fact]
    public void BotPrefixedToken_IsRefused_WithoutEchoingIt()
    {
        var options = new DiscordOptions { Token = "Bot secret-token-value", ApplicationId = "1300000000000000000" };

        var failures = Failures(options);

        Assert.Contains(failures, f => f.Contains("'Bot ' prefix", StringComparison.Ordinal));
        Assert.DoesNotContain(failures, f => f.Contains("secret-token-value", StringComparison.Ordinal));
        Assert.DoesNotContain("secret-token-value", options.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void ValidGatewaySettings_Pass()
    {
        Assert.Empty(Failures(new DiscordOptions { Token = "abc.def.ghi", ApplicationId = "1300000000000000000" }));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(4097)]
    public void ShardCount_OutOfRange_IsRefused_NamingTheKey(int count)
    {
        var options = new DiscordOptions { Token = "abc.def.ghi", ApplicationId = "1300000000000000000", ShardCount = count };

        Assert.Contains(Failures(options), f => f.Contains("Discord:ShardCount", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(16)]
    public void ShardCount_ZeroForDiscordsCount_OrAFixedCount_Passes(int count)
    {
        Assert.Empty(Failures(new DiscordOptions { Token = "abc.def.ghi", ApplicationId = "1300000000000000000", ShardCount = count }));
    }
}
