using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Timeout;
using SeedanceBot.Core.Delivery;
using SeedanceBot.Discord.Adapter;
using SeedanceBot.Discord.Gateway;
using SeedanceBot.Discord.Interactions;
using SeedanceBot.Discord.Rest;
using SeedanceBot.Core;

namespace SeedanceBot.Discord;

/// <summary>The Discord adapter's one door. A no-op unless the <c>Discord</c> section is configured.</summary>
public static class DiscordExtensions
{
    /// <summary>Discord requires <c>DiscordBot ($url, $versionNumber)</c>.</summary>
    public const string UserAgent = "DiscordBot (https://github.com/seedancebot/seedancebot, 1.0)";

    public const string RestClientName = "Discord";

    private static readonly string[] SettingKeys = ["Token", "ApplicationId", "PublicKey"];

    /// <summary>True when any Discord setting is present: then the whole section must be valid.</summary>
    public static bool IsConfigured(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(DiscordOptions.SectionName);
        return SettingKeys.Any(key => !string.IsNullOrWhiteSpace(section[key]));
    }

    public static IHostApplicationBuilder AddDiscord(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (!IsConfigured(builder.Configuration))
        {
            return builder;
        }

        var services = builder.Services;
        services.AddOptions<DiscordOptions>().BindConfiguration(DiscordOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<DiscordOptions>, DiscordOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<DiscordRateLimiter>();
        services.TryAddTransient<DiscordRateLimitHandler>();

        var http = services.AddHttpClient<IDiscordRest, DiscordRestClient>(RestClientName, static (provider, http) => http.UseApi(provider.ValueOrDefault<DiscordOptions>().ApiBaseUrl, UserAgent))
            .ConfigurePrimaryHttpMessageHandler(static () => ApiHttpClients.NewHandler(TimeSpan.FromMinutes(5)))
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan)

            // The framework's request logs print whole URLs, and an interaction's webhook URL carries its token (a
            // credential for 15 minutes): the adapter logs its calls itself, by route.
            .RemoveAllLoggers();
        http.AddResilienceHandler("discord-call", ConfigureCallPipeline);
        http.AddHttpMessageHandler<DiscordRateLimitHandler>();
        http.AddResilienceHandler("discord-attempt", static pipeline => pipeline.AddTimeout(TimeSpan.FromSeconds(60)));
        services.AddHttpClient(DiscordPlatform.MediaClientName, static http => http.Timeout = TimeSpan.FromMinutes(2));

        // Users' attached images: no redirects (they could lead off Discord's CDN), no logs (signed URLs).
        services.AddHttpClient(AttachedImages.ClientName, static http => http.Timeout = TimeSpan.FromSeconds(60))
            .ConfigurePrimaryHttpMessageHandler(static () => new SocketsHttpHandler { AllowAutoRedirect = false, PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
            .RemoveAllLoggers();
        services.TryAddSingleton<AttachedImages>();
        services.TryAddSingleton<InteractionAcks>();
        services.TryAddSingleton<OriginalResponses>();
        services.TryAddSingleton<InteractionAnswers>();
        services.TryAddSingleton<StoryboardForm>();
        services.TryAddSingleton<SlashCommands>();
        services.TryAddSingleton<ModalSubmissions>();
        services.TryAddSingleton<ComponentClicks>();
        services.TryAddSingleton<AutocompleteSuggestions>();
        services.TryAddSingleton<InteractionHandler>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IChatPlatform, DiscordPlatform>());
        services.AddHostedService<CommandRegistrar>();
        services.TryAddSingleton(static provider => new InteractionSignature(provider.GetRequiredService<IOptions<DiscordOptions>>().Value.PublicKey));
        if (!IsHttpMode(builder.Configuration))
        {
            services.TryAddSingleton<IGatewayConnectionFactory, WebSocketGatewayConnectionFactory>();
            services.TryAddTransient<DiscordGateway>();
            services.TryAddSingleton<IdentifySlots>();
            services.TryAddSingleton<GatewayShards>();
            services.AddHostedService<DiscordGatewayService>();
            services.TryAddEnumerable(ServiceDescriptor.Singleton<Core.Diagnostics.IReadinessProbe, GatewayReadinessProbe>());
        }

        return builder;
    }

    /// <summary>Maps <c>POST /discord/interactions</c> in Http mode.</summary>
    public static WebApplication MapDiscord(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        // Decided from configuration, not the options: a bad setting is reported by start-up validation, all at once.
        if (IsConfigured(app.Configuration) && IsHttpMode(app.Configuration))
        {
            InteractionEndpoint.Map(app);
        }

        return app;
    }

    private static bool IsHttpMode(IConfiguration configuration) =>
        configuration.GetSection(DiscordOptions.SectionName)["Mode"] is { } mode && mode.Trim().Equals(nameof(DiscordMode.Http), StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// 429s are always retried (the request was not processed; the rate limiter waits out the hold, so no extra delay);
    /// 5xx, network errors and timeouts only for GET/PUT/PATCH/DELETE: a repeated POST could post twice.
    /// </summary>
    private static void ConfigureCallPipeline(ResiliencePipelineBuilder<HttpResponseMessage> pipeline)
    {
        pipeline.AddTimeout(TimeSpan.FromMinutes(3));
        pipeline.AddRetry(new HttpRetryStrategyOptions
        {
            MaxRetryAttempts = 4,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            Delay = TimeSpan.FromSeconds(1),
            ShouldRetryAfterHeader = false,
            ShouldHandle = static args =>
            {
                var idempotent = args.Context.GetRequestMessage()?.Method is { } method && method != HttpMethod.Post;
                return ValueTask.FromResult(args.Outcome switch
                {
                    { Result.StatusCode: HttpStatusCode.TooManyRequests } => true,
                    { Result: { } response } => idempotent && (int)response.StatusCode >= 500,
                    { Exception: HttpRequestException or TimeoutRejectedException } => idempotent,
                    _ => false,
                });
            },
            DelayGenerator = static args => ValueTask.FromResult<TimeSpan?>(
                args.Outcome.Result?.StatusCode == HttpStatusCode.TooManyRequests ? TimeSpan.Zero : null),
        });
    }
}
