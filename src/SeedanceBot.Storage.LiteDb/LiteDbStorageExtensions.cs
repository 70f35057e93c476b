using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using SeedanceBot.Core.Jobs;
using SeedanceBot.Core.Quotas;

namespace SeedanceBot.Storage.LiteDb;

/// <summary>The store's door: one LiteDB file per process behind Core's <see cref="IJobStore"/> and <see cref="IQuotaSettingsStore"/>.</summary>
public static class LiteDbStorageExtensions
{
    public static IHostApplicationBuilder AddLiteDbStorage(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptions<StorageOptions>().BindConfiguration(StorageOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<StorageOptions>, StorageOptionsValidator>());
        services.TryAddSingleton<LiteDbContext>();
        services.TryAddSingleton<Core.Backups.IStoreBackup, LiteDbBackup>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<Core.Diagnostics.IReadinessProbe, LiteDbReadinessProbe>());
        services.TryAddSingleton<IJobStore, LiteDbJobStore>();
        services.TryAddSingleton<Core.Usage.IUsageHistory, LiteDbUsageHistory>();
        services.TryAddSingleton<IQuotaSettingsStore, LiteDbQuotaSettingsStore>();
        services.TryAddSingleton<Core.Media.IMediaStore, LiteDbMediaStore>();
        services.TryAddSingleton<Core.Chat.IInteractionLedger, LiteDbInteractionLedger>();
        services.TryAddSingleton<Core.Chat.IPendingFormStore, LiteDbPendingFormStore>();
        services.TryAddSingleton<Core.Replicas.IReplicaLeases, LiteDbReplicaLeases>();

        // Open the file while starting, so a corrupt or locked file stops the start with a clear message.
        services.Insert(0, ServiceDescriptor.Singleton<IHostedService, StorageStartupCheck>());
        return builder;
    }
}
