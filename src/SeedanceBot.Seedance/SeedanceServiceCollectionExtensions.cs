using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Timeout;
using SeedanceBot.Core.Video;
using SeedanceBot.Seedance.Http;
using SeedanceBot.Seedance.RateLimiting;
using SeedanceBot.Core;

namespace SeedanceBot.Seedance;

/// <summary>The project's one door: <see cref="AddSeedanceClient"/>.</summary>
public static class SeedanceServiceCollectionExtensions
{
    public const string HttpClientName = "Seedance";

    /// <summary>
    /// Binds <c>Seedance</c>, validates it at start and registers <see cref="ISeedanceClient"/> and the
    /// <see cref="IVideoProvider"/> over it. Each request passes, outermost first: total timeout, retry (honouring
    /// Retry-After), circuit breaker, the shared rate-limit gate, the per-attempt timeout, auth.
    /// </summary>
    public static IHostApplicationBuilder AddSeedanceClient(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptions<SeedanceOptions>()
            .BindConfiguration(SeedanceOptions.SectionName)
            .PostConfigure<IConfiguration>(static (options, configuration) =>
            {
                if (string.IsNullOrWhiteSpace(options.ApiKey))
                {
                    options.ApiKey = configuration[SeedanceOptions.ApiKeyEnvironmentVariable]?.Trim() ?? string.Empty;
                }
            })
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SeedanceOptions>, SeedanceOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SeedanceOptions>, SeedanceOptionsRules>());

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<RateLimitGate>();
        services.TryAddTransient<SeedanceAuthHandler>();
        services.TryAddTransient<RateLimitGateHandler>();

        var http = services.AddHttpClient<ISeedanceClient, SeedanceClient>(HttpClientName, static (provider, http) => http.UseApi(provider.ValueOrDefault<SeedanceOptions>().BaseUrl, "SeedanceBot/1.0"))
            .ConfigurePrimaryHttpMessageHandler(static () => ApiHttpClients.NewHandler(TimeSpan.FromMinutes(2)))
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan);
        http.AddResilienceHandler("seedance-call", ConfigureCallPipeline);
        http.AddHttpMessageHandler<RateLimitGateHandler>();
        http.AddResilienceHandler("seedance-attempt", ConfigureAttemptPipeline);
        http.AddHttpMessageHandler<SeedanceAuthHandler>();

        services.TryAddSingleton<IVideoProvider, SeedanceVideoProvider>();
        services.TryAddSingleton<IProviderThrottle, SeedanceThrottle>();
        return builder;
    }

    private static void ConfigureCallPipeline(ResiliencePipelineBuilder<HttpResponseMessage> pipeline, ResilienceHandlerContext context)
    {
        var options = context.ServiceProvider.ValueOrDefault<SeedanceOptions>().Resilience;
        pipeline.AddTimeout(options.TotalTimeout);
        if (options.MaxRetries > 0)
        {
            pipeline.AddRetry(new HttpRetryStrategyOptions
            {
                // The default predicate is exactly the transient set: 408, 429, 5xx, HttpRequestException and
                // attempt timeouts; never 401, 404 or 422. POSTs are safe to retry: they carry an Idempotency-Key.
                MaxRetryAttempts = options.MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.BaseDelay,
                MaxDelay = options.MaxDelay,
                ShouldRetryAfterHeader = true,
            });
        }

        pipeline.AddCircuitBreaker(new HttpCircuitBreakerStrategyOptions
        {
            FailureRatio = options.BreakerFailureRatio,
            MinimumThroughput = options.BreakerMinimumThroughput,
            SamplingDuration = options.BreakerSamplingDuration,
            BreakDuration = options.BreakDuration,
            // A 429 is the API working as designed, not an outage: it must not open the circuit.
            ShouldHandle = static args => ValueTask.FromResult(IsOutage(args.Outcome)),
        });
    }

    private static void ConfigureAttemptPipeline(ResiliencePipelineBuilder<HttpResponseMessage> pipeline, ResilienceHandlerContext context)
    {
        var options = context.ServiceProvider.ValueOrDefault<SeedanceOptions>().Resilience;
        pipeline.AddTimeout(options.AttemptTimeout);
    }

    private static bool IsOutage(Outcome<HttpResponseMessage> outcome) => outcome switch
    {
        { Exception: HttpRequestException or TimeoutRejectedException } => true,
        { Result.StatusCode: HttpStatusCode.RequestTimeout } => true,
        { Result.StatusCode: var status } => (int)status >= 500,
        _ => false,
    };
}
