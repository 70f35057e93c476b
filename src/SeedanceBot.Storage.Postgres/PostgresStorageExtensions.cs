using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using SeedanceBot.Core;
using SeedanceBot.Core.Jobs;
using SeedanceBot.Core.Quotas;

namespace SeedanceBot.Storage.Postgres;

/// <summary>The store's door: one <see cref="NpgsqlDataSource"/> (a connection pool) per process behind Core's storage ports, shared by every replica.</summary>
public static class PostgresStorageExtensions
{
    public static IHostApplicationBuilder AddPostgresStorage(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptions<PostgresStorageOptions>().BindConfiguration(PostgresStorageOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PostgresStorageOptions>, PostgresStorageOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PostgresStorageOptions>, PostgresConnectionStringValidator>());
        services.TryAddSingleton(CreateDataSource);
        services.TryAddSingleton<Core.Backups.IStoreBackup, PostgresBackupAdvice>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<Core.Diagnostics.IReadinessProbe, PostgresReadinessProbe>());
        services.TryAddSingleton<IJobStore, PostgresJobStore>();
        services.TryAddSingleton<Core.Usage.IUsageHistory, PostgresUsageHistory>();
        services.TryAddSingleton<IQuotaSettingsStore, PostgresQuotaSettingsStore>();
        services.TryAddSingleton<Core.Media.IMediaStore, PostgresMediaStore>();
        services.TryAddSingleton<Core.Chat.IInteractionLedger, PostgresInteractionLedger>();
        services.TryAddSingleton<Core.Chat.IPendingFormStore, PostgresPendingFormStore>();
        services.TryAddSingleton<Core.Replicas.IReplicaLeases, PostgresReplicaLeases>();

        // Shared by every replica; registered over Core's one-process defaults whichever of the two is added first.
        services.AddSingleton<IJobClaims, LeasedJobClaims>();
        services.AddSingleton<Core.Video.IRequestBudget, PostgresRequestBudget>();

        // Migrate while starting, before anything else uses the store, so an unreachable server stops the start clearly.
        services.Insert(0, ServiceDescriptor.Singleton<IHostedService, PostgresStartup>());
        return builder;
    }

    private static NpgsqlDataSource CreateDataSource(IServiceProvider services)
    {
        // An invalid string fails start-up validation with every other problem; this placeholder is never connected to.
        var connectionString = services.ValueOrDefault<PostgresStorageOptions>().ConnectionString;
        var builder = new NpgsqlDataSourceBuilder(PostgresTarget.TryParse(connectionString) is { Host: not null } ? connectionString : "Host=invalid.invalid");
        builder.ConnectionStringBuilder.ApplicationName ??= "SeedanceBot";
        builder.UseLoggerFactory(services.GetService<ILoggerFactory>());
        return builder.Build();
    }
}
