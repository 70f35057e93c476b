using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace SeedanceBot.Seedance.Tests;

public sealed class SeedanceOptionsTests
{
    [Fact]
    public async Task Start_NoKeyAnywhere_FailsNamingTheKeyAndTheEnvironmentVariable()
    {
        using var host = Build(new() { ["Seedance:BaseUrl"] = "https://api.seedance.tv/v2" });

        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync(TestContext.Current.CancellationToken));

        Assert.Contains("Seedance:ApiKey", ex.Message, StringComparison.Ordinal);
        Assert.Contains("SEEDANCE_API_KEY", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Options_KeyOnlyInSeedanceApiKeyVariable_IsUsed()
    {
        using var host = Build(new() { ["SEEDANCE_API_KEY"] = "sk-from-env" });

        var options = host.Services.GetRequiredService<IOptions<SeedanceOptions>>().Value;

        Assert.Equal("sk-from-env", options.ApiKey);
        Assert.Equal(new Uri("https://api.seedance.tv/v2"), options.BaseUrl);
    }

    [Fact]
    public void Options_ConfiguredKey_WinsOverTheVariable()
    {
        using var host = Build(new() { ["Seedance:ApiKey"] = "sk-config", ["SEEDANCE_API_KEY"] = "sk-env" });

        Assert.Equal("sk-config", host.Services.GetRequiredService<IOptions<SeedanceOptions>>().Value.ApiKey);
    }

    [Theory]
    [InlineData("Seedance:BaseUrl", "ftp://api.seedance.tv/v2", "Seedance:BaseUrl")]
    [InlineData("Seedance:Resilience:AttemptTimeout", "00:10:00", "AttemptTimeout")]
    [InlineData("Seedance:Resilience:MaxRetries", "50", "MaxRetries")]
    public async Task Start_MalformedSetting_FailsNamingIt(string key, string value, string named)
    {
        using var host = Build(new() { ["Seedance:ApiKey"] = "sk-x", ["Seedance:Resilience:TotalTimeout"] = "00:05:00", [key] = value });

        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync(TestContext.Current.CancellationToken));

        Assert.Contains(named, ex.Message, StringComparison.Ordinal);
    }

    private static IHost Build(Dictionary<string, string?> settings)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddSeedanceClient();
        return builder.Build();
    }
}
