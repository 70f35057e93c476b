using Microsoft.Extensions.Options;

namespace SeedanceBot.ModelArk.Tests;

/// <summary>Start-up rules: each message names the key to fix; none echoes the key's secret value.</summary>
public sealed class ModelArkOptionsValidatorTests
{
    private static readonly ModelArkOptionsValidator Validator = new();

    private static ModelArkOptions Valid() => new() { ApiKey = "ark-0123456789abcdef" };

    private static string[] Failures(ModelArkOptions options) => [.. Validator.Validate(null, options).Failures ?? []];

    [Fact]
    public void Validate_Defaults_WithAKey_Succeed()
    {
        Assert.True(Validator.Validate(null, Valid()).Succeeded);
    }

    [Fact]
    public async Task Start_NoKeyAnywhere_FailsNamingModelArkApiKeyAndArkApiKey()
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => ArkHarness.StartAsync(new() { ["ModelArk:ApiKey"] = "" }));

        var failure = Assert.Single(error.Failures);
        Assert.Contains("ModelArk:ApiKey", failure, StringComparison.Ordinal);
        Assert.Contains("ARK_API_KEY", failure, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Bearer ark-secret-0123456789")]
    [InlineData("bearerark-secret-0123456789")]
    [InlineData("ark-secret-0123456789 ")]
    public void Validate_KeyWithBearerOrSpaces_IsRefused_WithoutEchoingIt(string key)
    {
        var options = Valid();
        options.ApiKey = key;

        var failure = Assert.Single(Failures(options));

        Assert.Contains("ModelArk:ApiKey", failure, StringComparison.Ordinal);
        Assert.DoesNotContain("ark-secret-0123456789", failure, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_KeyWithBearerPrefix_FailsWithoutEchoingIt()
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => ArkHarness.StartAsync(new() { ["ModelArk:ApiKey"] = "Bearer ark-secret-0123456789" }));

        Assert.Contains("'Bearer' prefix", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("ark-secret-0123456789", error.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("4k")]
    [InlineData("720P")]
    [InlineData("")]
    public void Validate_UnknownResolution_NamesTheKeyAndTheChoices(string resolution)
    {
        var options = Valid();
        options.Resolution = resolution;

        var failure = Assert.Single(Failures(options));

        Assert.Equal("ModelArk:Resolution must be one of 480p, 720p, 1080p.", failure);
    }

    [Fact]
    public void Validate_RelativeOrFtpBaseUrl_IsRefused()
    {
        var relative = Valid();
        relative.BaseUrl = new Uri("/api/v3", UriKind.Relative);
        var ftp = Valid();
        ftp.BaseUrl = new Uri("ftp://ark.example/api/v3");

        Assert.Contains("ModelArk:BaseUrl", Assert.Single(Failures(relative)), StringComparison.Ordinal);
        Assert.Contains("ModelArk:BaseUrl", Assert.Single(Failures(ftp)), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0, 180, "ModelArk:MaxConcurrentTasks")]
    [InlineData(3, 0, "ModelArk:RequestsPerMinute")]
    public void Validate_LimitsOutOfRange_NameTheKey(int concurrent, int perMinute, string key)
    {
        var options = Valid();
        options.MaxConcurrentTasks = concurrent;
        options.RequestsPerMinute = perMinute;

        Assert.StartsWith(key, Assert.Single(Failures(options)), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("00:59:59")]
    [InlineData("3.00:00:01")]
    public void Validate_ExecutionExpiresAfterOutsideArksRange_IsRefused(string value)
    {
        var options = Valid();
        options.ExecutionExpiresAfter = TimeSpan.Parse(value, System.Globalization.CultureInfo.InvariantCulture);

        Assert.StartsWith("ModelArk:ExecutionExpiresAfter", Assert.Single(Failures(options)), StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_StyleWithoutPrompt_IsRefused()
    {
        var options = Valid();
        options.Styles.Add(new StylePreset { Id = "neon", Name = "Neon" });

        Assert.Equal("ModelArk:Styles holds a preset without an Id or a Prompt ('neon').", Assert.Single(Failures(options)));
    }

    [Fact]
    public void ToString_NeverShowsTheKey()
    {
        Assert.DoesNotContain("ark-0123456789abcdef", Valid().ToString(), StringComparison.Ordinal);
    }
}
