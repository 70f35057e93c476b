using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SeedanceBot.Core.Jobs;
using SeedanceBot.Testing.Logging;

namespace SeedanceBot.Core.Tests.Jobs;

/// <summary>A stop while steps are under way: past their grace they are cancelled, and what they meet then is an interruption, not an error.</summary>
public sealed class JobEngineShutdownTests
{
    [Fact]
    public async Task Abandon_StepUnderWay_IsCancelledAndLoggedAsAnInterruption_TheJobStaysToResume()
    {
        var logs = new CapturingLoggerProvider();
        using var core = new CoreHarness(configure: services => services.AddSingleton<ILoggerProvider>(logs));
        core.Provider.HoldSubmits = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await core.SendAsync("video", "a fox in the snow");
        await core.Engine.RunOnceAsync(CancellationToken.None);
        await core.Provider.SubmitHeld.Task;

        core.Engine.Abandon();
        await Task.WhenAll(core.Engine.InFlight);

        Assert.Contains(logs.Entries, e => e.EventId.Name == "JobStepInterrupted" && e.Level == LogLevel.Information);
        Assert.DoesNotContain(logs.Entries, e => e.Level >= LogLevel.Error);
        var job = Assert.Single(core.Store.All);
        Assert.True(job.IsActive);
        Assert.Null(job.ProviderJobId);
        Assert.Equal(ChargeState.Reserved, job.Charge);
    }

    [Fact]
    public async Task Dispose_APassAfterIt_StartsNothingThatFails()
    {
        var logs = new CapturingLoggerProvider();
        using var core = new CoreHarness(configure: services => services.AddSingleton<ILoggerProvider>(logs));
        await core.SendAsync("video", "a fox in the snow");

        // The host disposes the engine while a pass it started is still running its last steps.
        core.Engine.Dispose();
        await core.Engine.RunOnceAsync(CancellationToken.None);
        await Task.WhenAll(core.Engine.InFlight);
        core.Engine.Wake();

        Assert.Contains(logs.Entries, e => e.EventId.Name == "JobStepInterrupted");
        Assert.DoesNotContain(logs.Entries, e => e.Level >= LogLevel.Error);
        Assert.True(Assert.Single(core.Store.All).IsActive);
    }
}
