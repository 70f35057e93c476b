using Microsoft.Extensions.Options;
using SeedanceBot.Core.Video;
using SeedanceBot.Seedance.Http;
using SeedanceBot.Simulator;

namespace SeedanceBot.Seedance.Tests;

public sealed class SecretsTests
{
    [Fact]
    public async Task EveryFailurePath_NeverPutsTheApiKeyInLogsOrExceptions()
    {
        // The simulator accepts another key, so every call is a 401 first; then 422, 404, 5xx, 429 and a dropped connection.
        await using var host = await SeedanceTestHost.StartAsync(new SimulatorOptions { ApiKeys = "not-the-configured-key" });
        var failures = new List<Exception>();
        async Task Capture(Func<Task> call)
        {
            try
            {
                await host.DriveAsync(call());
            }
            catch (Exception ex)
            {
                failures.Add(ex);
            }
        }

        await Capture(() => host.Client.GetBalanceAsync(CancellationToken.None));
        host.Simulator.Faults.FailNext(3, 500);
        await Capture(() => host.Client.GetStylesAsync(CancellationToken.None));
        await Capture(() => host.Provider.SubmitAsync(new VideoRequest { Prompt = "" }, "job-secret", CancellationToken.None));
        await Capture(() => host.Provider.GetJobAsync("vid_nope", CallPriority.Background, CancellationToken.None));

        Assert.NotEmpty(failures);
        Assert.NotEmpty(host.Logs.Entries);
        Assert.DoesNotContain(SeedanceTestHost.ApiKey, host.Logs.AllText, StringComparison.Ordinal);
        Assert.All(failures, ex => Assert.DoesNotContain(SeedanceTestHost.ApiKey, ex.ToString(), StringComparison.Ordinal));
    }

    [Fact]
    public void OptionsToString_RedactsTheKey()
    {
        var options = new SeedanceOptions { ApiKey = SeedanceTestHost.ApiKey };

        Assert.DoesNotContain(SeedanceTestHost.ApiKey, options.ToString(), StringComparison.Ordinal);
        Assert.Contains("<redacted>", options.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Validation_KeyWithBearerPrefix_FailsWithoutEchoingTheKey()
    {
        var result = new SeedanceOptionsRules().Validate(null, new SeedanceOptions { ApiKey = "Bearer " + SeedanceTestHost.ApiKey });

        Assert.True(result.Failed);
        Assert.Contains("Seedance:ApiKey", result.FailureMessage, StringComparison.Ordinal);
        Assert.DoesNotContain(SeedanceTestHost.ApiKey, result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void ApiException_FromA401_CarriesNoRequestHeaders()
    {
        var ex = new SeedanceApiException(System.Net.HttpStatusCode.Unauthorized, "unauthorized", "Seedance API 401 unauthorized: invalid key");

        Assert.DoesNotContain("Bearer", ex.ToString(), StringComparison.Ordinal);
        Assert.IsNotType<OptionsValidationException>(ex);
    }
}
