using Microsoft.Extensions.Hosting;

namespace SeedanceBot.Storage.LiteDb;

/// <summary>Opens the database before anything else starts; a failure is a <see cref="StorageUnavailableException"/>.</summary>
internal sealed class StorageStartupCheck(LiteDbContext context) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        _ = context.Database;
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
