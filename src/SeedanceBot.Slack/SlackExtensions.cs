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
using SeedanceBot.Slack.Adapter;
using SeedanceBot.Slack.Events;
using SeedanceBot.Slack.SocketMode;
using SeedanceBot.Slack.WebApi;
using SeedanceBot.Core;

namespace SeedanceBot.Slack;

/// <summary>The Slack adapter's one door. A no-op unless the <c>Slack</c> section is configured.</summary>
public static class SlackExtensions
{
    public const string UserAgent = "SeedanceBot/1.0 (+https://github.com/seedancebot/seedancebot)";

    public const string WebApiClientName = "Slack";

    private static readonly string[] SettingKeys = ["BotToken", "AppToken", "SigningSecret"];

    /// <summary>True when any Slack secret is present: then the whole section must be valid.</summary>
    public static bool IsConfigured(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(SlackOptions.SectionName);
        return SettingKeys.Any(key => !string.IsNullOrWhiteSpace(section[key]));
    }

    public static IHostApplicationBuilder AddSlack(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (!IsConfigured(builder.Configuration))
        {
            return builder;
        }

        var services = builder.Services;
        services.AddOptions<SlackOptions>().BindConfiguration(SlackOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SlackOptions>, SlackOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<SlackRateLimiter>();
        services.TryAddTransient<SlackRateLimitHandler>();

        var http = services.AddHttpClient<ISlackWebApi, SlackWebApiClient>(WebApiClientName, static (provider, http) => http.UseApi(provider.ValueOrDefault<SlackOptions>().ApiBaseUrl, UserAgent))
            .ConfigurePrimaryHttpMessageHandler(static () => ApiHttpClients.NewHandler(TimeSpan.FromMinutes(5)))
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan)

            // The framework's request logs print whole URLs, and a response_url or an upload URL is a credential: the
            // adapter logs its calls itself (by method, a response_url only by a hash of its path).
            .RemoveAllLoggers();
        http.AddResilienceHandler("slack-call", ConfigureCallPipeline);
        http.AddHttpMessageHandler<SlackRateLimitHandler>();
        http.AddResilienceHandler("slack-attempt", static pipeline => pipeline.AddTimeout(TimeSpan.FromSeconds(30)));
        services.AddHttpClient(SlackWebApiClient.UploadClientName, static http => http.Timeout = TimeSpan.FromMinutes(10)).RemoveAllLoggers();
        services.AddHttpClient(SlackPlatform.MediaClientName, static http => http.Timeout = TimeSpan.FromMinutes(10)).RemoveAllLoggers();

        // Files from the /video form: no redirects (Slack answers an unauthorised download with a sign-in page), no logs.
        services.AddHttpClient(SubmittedImages.ClientName, static http => http.Timeout = TimeSpan.FromSeconds(60))
            .ConfigurePrimaryHttpMessageHandler(static () => new SocketsHttpHandler { AllowAutoRedirect = false, PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
            .RemoveAllLoggers();
        services.TryAddSingleton<SubmittedImages>();
        services.TryAddSingleton<SlackAdmins>();
        services.TryAddSingleton<SlackResponder>();
        services.TryAddSingleton<SlashCommands>();
        services.TryAddSingleton<BlockActions>();
        services.TryAddSingleton<ViewSubmissions>();
        services.TryAddSingleton<SlackRequestHandler>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IChatPlatform, SlackPlatform>());
        if (IsHttpMode(builder.Configuration))
        {
            services.TryAddSingleton(static provider =>
            {
                var options = provider.GetRequiredService<IOptions<SlackOptions>>().Value;
                return new SlackSignature(options.SigningSecret, options.MaxTimestampAge, provider.GetRequiredService<TimeProvider>());
            });
        }
        else
        {
            services.TryAddSingleton<EnvelopeDeduplicator>();
            services.TryAddSingleton<SocketEnvelopeDispatcher>();
            services.TryAddSingleton<ISocketModeConnectionFactory, WebSocketSocketModeConnectionFactory>();
            services.TryAddSingleton<SocketModeClient>();
            services.AddHostedService<SocketModeService>();
            services.TryAddEnumerable(ServiceDescriptor.Singleton<Core.Diagnostics.IReadinessProbe, SocketModeReadinessProbe>());
        }

        return builder;
    }

    /// <summary>Maps <c>POST /slack/commands</c> and <c>POST /slack/interactions</c> in Http mode.</summary>
    public static WebApplication MapSlack(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (IsConfigured(app.Configuration) && IsHttpMode(app.Configuration))
        {
            SlackEndpoints.Map(app);
        }

        return app;
    }

    private static bool IsHttpMode(IConfiguration configuration) =>
        configuration.GetSection(SlackOptions.SectionName)["Mode"] is { } mode && mode.Trim().Equals(nameof(SlackMode.Http), StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// 429s are always retried (Slack did nothing; the rate limiter waits out Retry-After, so no extra delay here);
    /// 5xx, network errors and timeouts only for calls marked safe to repeat: a repeated chat.postMessage would post twice.
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
                var safe = args.Context.GetRequestMessage()?.Options.TryGetValue(SlackRateLimitHandler.SafeToRepeatKey, out var repeatable) == true && repeatable;
                return ValueTask.FromResult(args.Outcome switch
                {
                    { Result.StatusCode: HttpStatusCode.TooManyRequests } => true,
                    { Result: { } response } => safe && (int)response.StatusCode >= 500,
                    { Exception: HttpRequestException or TimeoutRejectedException } => safe,
                    _ => false,
                });
            },
            DelayGenerator = static args => ValueTask.FromResult<TimeSpan?>(
                args.Outcome.Result?.StatusCode == HttpStatusCode.TooManyRequests ? TimeSpan.Zero : null),
        });
    }
}
