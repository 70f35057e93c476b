using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Timeout;
using SeedanceBot.Core.Jobs;
using SeedanceBot.Core.Video;
using SeedanceBot.ModelArk.Http;
using SeedanceBot.Core;

namespace SeedanceBot.ModelArk;

/// <summary>The ModelArk provider's one door: <see cref="AddModelArk"/>, used when <c>Seedance:Provider=ModelArk</c>.</summary>
public static class ModelArkExtensions
{
    public const string ProviderName = "ModelArk";

    public const string HttpClientName = "ModelArk";

    /// <summary>True when configuration picks ModelArk (<c>Seedance:Provider</c>).</summary>
    public static bool IsSelected(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return configuration["Seedance:Provider"]?.Trim().Equals(ProviderName, StringComparison.OrdinalIgnoreCase) == true;
    }

    public static IHostApplicationBuilder AddModelArk(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptions<ModelArkOptions>()
            .BindConfiguration(ModelArkOptions.SectionName)
            .PostConfigure<IConfiguration>(static (options, configuration) =>
            {
                if (string.IsNullOrWhiteSpace(options.ApiKey))
                {
                    options.ApiKey = configuration[ModelArkOptions.ApiKeyEnvironmentVariable]?.Trim() ?? string.Empty;
                }
            })
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ModelArkOptions>, ModelArkOptionsValidator>());

        // No clip is ready sooner: first look ~15 s after submission, then Core backs off (a 5 s floor).
        services.PostConfigure<JobOptions>(static jobs =>
        {
            jobs.ExpectedBase = TimeSpan.FromSeconds(15);
            jobs.ExpectedPerVideoSecond = TimeSpan.Zero;
            jobs.MinPollInterval = TimeSpan.FromSeconds(Math.Max(5, jobs.MinPollInterval.TotalSeconds));
        });

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ArkRequestGate>();
        services.TryAddTransient<ArkGateHandler>();
        services.TryAddTransient<ArkAuthHandler>();
        var http = services.AddHttpClient<IModelArkClient, ModelArkClient>(HttpClientName, static (provider, http) => http.UseApi(provider.ValueOrDefault<ModelArkOptions>().BaseUrl, "SeedanceBot/1.0"))
            .ConfigurePrimaryHttpMessageHandler(static () => ApiHttpClients.NewHandler(TimeSpan.FromMinutes(2)))
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan);
        http.AddResilienceHandler("modelark-call", ConfigureCallPipeline);
        http.AddHttpMessageHandler<ArkGateHandler>();
        http.AddResilienceHandler("modelark-attempt", static pipeline => pipeline.AddTimeout(TimeSpan.FromSeconds(30)));
        http.AddHttpMessageHandler<ArkAuthHandler>();

        services.TryAddSingleton<StyleCatalogue>();
        services.TryAddSingleton<ArkTaskBatcher>();
        services.Replace(ServiceDescriptor.Singleton<IVideoProvider, ModelArkVideoProvider>());
        services.Replace(ServiceDescriptor.Singleton<IProviderThrottle>(static provider => provider.GetRequiredService<ArkRequestGate>()));
        return builder;
    }

    /// <summary>
    /// 408, 409 and 429 are retried for every call (Ark did not act), with backoff from 0.5 s to 8 s and Retry-After when
    /// present; 5xx, network errors and timeouts only for calls that create nothing: an unanswered create is reconciled
    /// by the provider through the task list instead. Never 400, 401, 403 or 404.
    /// </summary>
    private static void ConfigureCallPipeline(ResiliencePipelineBuilder<HttpResponseMessage> pipeline)
    {
        pipeline.AddTimeout(TimeSpan.FromMinutes(2));
        pipeline.AddRetry(new HttpRetryStrategyOptions
        {
            MaxRetryAttempts = 3,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            Delay = TimeSpan.FromSeconds(0.5),
            MaxDelay = TimeSpan.FromSeconds(8),
            ShouldRetryAfterHeader = true,
            ShouldHandle = static args =>
            {
                var creates = args.Context.GetRequestMessage()?.Method == HttpMethod.Post;
                return ValueTask.FromResult(args.Outcome switch
                {
                    { Result.StatusCode: HttpStatusCode.RequestTimeout or HttpStatusCode.Conflict or HttpStatusCode.TooManyRequests } => true,
                    { Result: { } response } => !creates && (int)response.StatusCode >= 500,
                    { Exception: HttpRequestException or TimeoutRejectedException } => !creates,
                    _ => false,
                });
            },
        });
    }
}
