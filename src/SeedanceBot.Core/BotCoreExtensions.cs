using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using SeedanceBot.Core.Chat;
using SeedanceBot.Core.Commands;
using SeedanceBot.Core.Delivery;
using SeedanceBot.Core.Jobs;
using SeedanceBot.Core.Quotas;
using SeedanceBot.Core.Replicas;
using SeedanceBot.Core.Styles;

namespace SeedanceBot.Core;

/// <summary>Core's one door: commands, quotas, the job engine and its worker. Needs a store, a provider and platforms.</summary>
public static class BotCoreExtensions
{
    public static IHostApplicationBuilder AddBotCore(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptions<QuotaOptions>().BindConfiguration(QuotaOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<QuotaOptions>, QuotaOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<QuotaOptions>, QuotaTimeZoneRule>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<QuotaOptions>, QuotaBudgetRule>());
        services.AddOptions<Costs.PricingOptions>().BindConfiguration(Costs.PricingOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<Costs.PricingOptions>, Costs.PricingOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<Costs.PricingOptions>, Costs.PricingRule>());
        services.TryAddSingleton<Costs.JobCosts>();

        // Seedance:MaxConcurrentJobs and Seedance:WebhookBaseUrl are the documented keys; Jobs:* holds the rest.
        services.AddOptions<JobOptions>().BindConfiguration("Seedance").BindConfiguration(JobOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<JobOptions>, JobOptionsValidator>());

        services.AddOptions<ReplicaOptions>().BindConfiguration(ReplicaOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ReplicaOptions>, ReplicaOptionsValidator>());
        services.TryAddSingleton(static provider => ReplicaIdentity.From(provider.GetRequiredService<IOptions<ReplicaOptions>>().Value));
        services.TryAddSingleton<IReplicaLeases, InMemoryReplicaLeases>();
        services.TryAddSingleton<LeasedSingleton>();

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(provider => new QuotaClock(
            provider.GetRequiredService<TimeProvider>(),
            TimeZoneInfo.FindSystemTimeZoneById(provider.GetRequiredService<IOptions<QuotaOptions>>().Value.TimeZone)));
        services.TryAddSingleton<AdminPolicy>();
        services.TryAddSingleton<Media.IImageInspector, Media.UnavailableImageInspector>();
        services.TryAddSingleton<QuotaService>();
        services.TryAddSingleton<ServingLifetime>();
        services.AddHostedService(static provider => provider.GetRequiredService<ServingLifetime>());
        services.TryAddSingleton<StylesCache>();
        services.AddHostedService<StylesRefresher>();
        services.TryAddSingleton<ChatPlatforms>();
        services.TryAddSingleton<IJobClaims, LocalJobClaims>();
        services.TryAddSingleton<Video.IRequestBudget, Video.LocalRequestBudget>();
        services.TryAddSingleton<JobTransitions>();
        services.TryAddSingleton(provider => new PollSchedule(provider.GetRequiredService<IOptions<JobOptions>>().Value));
        services.TryAddSingleton<JobEngine>();
        services.TryAddSingleton<JobWebhooks>();
        services.TryAddSingleton(static provider => new Diagnostics.BotMetrics(provider.GetService<System.Diagnostics.Metrics.IMeterFactory>()));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<Diagnostics.IReadinessProbe, Diagnostics.VideoApiReadinessProbe>());
        services.AddHostedService<JobWorker>();

        services.TryAddSingleton<VideoCommand>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ICommandHandler, VideoCommand>(provider => provider.GetRequiredService<VideoCommand>()));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ICommandHandler, StylesCommand>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ICommandHandler, BalanceCommand>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ICommandHandler, StatusCommand>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ICommandHandler, QuotaCommand>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ICommandHandler, HelpCommand>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ICommandHandler, BackupCommand>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ICommandHandler, UsageCommand>());
        services.TryAddSingleton<CommandRouter>();
        // A finished video's last frame (a Continue starts from it) comes from the provider's file host, without credentials.
        services.AddHttpClient(Media.LastFrames.ClientName, static http => http.Timeout = TimeSpan.FromSeconds(60));
        services.TryAddSingleton<Media.LastFrames>();
        services.TryAddSingleton<JobActions>();
        return builder;
    }
}
