using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Polly.CircuitBreaker;
using Polly.Timeout;
using SeedanceBot.Core.Video;
using SeedanceBot.Seedance.Contracts;
using SeedanceBot.Seedance.RateLimiting;

namespace SeedanceBot.Seedance.Http;

/// <summary>
/// The typed client. It only shapes requests and reads answers: auth, the rate-limit gate, retries, timeouts and the
/// circuit breaker are handlers in its <see cref="HttpClient"/> pipeline (see <see cref="SeedanceServiceCollectionExtensions"/>).
/// </summary>
internal sealed class SeedanceClient(HttpClient http, TimeProvider time, ILogger<SeedanceClient> logger) : ISeedanceClient
{
    public const string IdempotencyKeyHeader = "Idempotency-Key";
    private const int MaxErrorTextLength = 300;

    private static readonly ConcurrentDictionary<string, byte> ReportedUnknownStatuses = new(StringComparer.Ordinal);

    public async Task<SeedanceJob> SubmitAsync(SeedanceVideoRequest request, string idempotencyKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrWhiteSpace(idempotencyKey);
        using var message = new HttpRequestMessage(HttpMethod.Post, "videos")
        {
            Content = JsonContent.Create(request, SeedanceJsonContext.Default.SeedanceVideoRequest),
        };
        message.Headers.Add(IdempotencyKeyHeader, idempotencyKey);
        // Submissions come from the bot's queue, not from a person waiting: a due poll goes first (see CallPriority).
        var job = await SendAsync(message, CallPriority.Normal, SeedanceJsonContext.Default.SeedanceJob, cancellationToken);
        ReportUnknownStatus(job);
        return job;
    }

    public async Task<SeedanceJob> GetVideoAsync(string id, CallPriority priority, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        using var message = new HttpRequestMessage(HttpMethod.Get, "videos/" + Uri.EscapeDataString(id));
        var job = await SendAsync(message, priority, SeedanceJsonContext.Default.SeedanceJob, cancellationToken);
        ReportUnknownStatus(job);
        return job;
    }

    public async Task<IReadOnlyList<SeedanceStyle>> GetStylesAsync(CancellationToken cancellationToken)
    {
        using var message = new HttpRequestMessage(HttpMethod.Get, "styles");
        var list = await SendAsync(message, CallPriority.Interactive, SeedanceJsonContext.Default.SeedanceStyleList, cancellationToken);
        return list.Styles;
    }

    public async Task<SeedanceBalance> GetBalanceAsync(CancellationToken cancellationToken)
    {
        using var message = new HttpRequestMessage(HttpMethod.Get, "account/balance");
        return await SendAsync(message, CallPriority.Interactive, SeedanceJsonContext.Default.SeedanceBalance, cancellationToken);
    }

    private async Task<T> SendAsync<T>(HttpRequestMessage message, CallPriority priority, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken)
    {
        message.Options.Set(SeedanceRequestOptions.Priority, priority);
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(message, HttpCompletionOption.ResponseContentRead, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (BrokenCircuitException ex)
        {
            throw new SeedanceApiException(null, SeedanceApiException.CircuitOpenCode, "The Seedance API is failing; calls are paused for a while.", innerException: ex);
        }
        catch (Exception ex) when (ex is TimeoutRejectedException or OperationCanceledException)
        {
            throw new SeedanceApiException(null, SeedanceApiException.TimeoutCode, "The Seedance API did not answer in time.", innerException: ex);
        }
        catch (HttpRequestException ex)
        {
            throw new SeedanceApiException(null, SeedanceApiException.NetworkErrorCode, "The Seedance API could not be reached.", innerException: ex);
        }

        using (response)
        {
            if (!response.IsSuccessStatusCode)
            {
                throw await ReadErrorAsync(message.Method, response, cancellationToken);
            }

            try
            {
                return await response.Content.ReadFromJsonAsync(typeInfo, cancellationToken)
                    ?? throw new JsonException("The body was JSON null.");
            }
            catch (JsonException ex)
            {
                throw new SeedanceApiException(response.StatusCode, "invalid_response", $"The Seedance API sent a response the client cannot read ({(int)response.StatusCode}).", innerException: ex);
            }
        }
    }

    private async Task<SeedanceApiException> ReadErrorAsync(HttpMethod method, HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var status = response.StatusCode;
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        var error = ParseError(body);
        var retryAfter = RateLimitState.ReadRetryAfter(response.Headers.RetryAfter, time.GetUtcNow());
        var text = error?.Message ?? (string.IsNullOrWhiteSpace(body) ? response.ReasonPhrase ?? status.ToString() : Truncate(body.Trim()));
        var code = error?.Code ?? DefaultCode(status);
        Log.ApiError(logger, method.Method, (int)status, code);
        var details = error?.Details ?? [];
        var summary = details.Count == 0
            ? text
            : text + " (" + string.Join("; ", details.Select(d => $"{d.Field}: {d.Message}")) + ")";
        return new SeedanceApiException(status, code, $"Seedance API {(int)status} {code}: {summary}", details, retryAfter);
    }

    private static SeedanceError? ParseError(string body)
    {
        if (string.IsNullOrWhiteSpace(body) || body.TrimStart()[0] is not ('{' or '"'))
        {
            return null;
        }

        try
        {
            return body.TrimStart()[0] == '"'
                ? JsonSerializer.Deserialize(body, SeedanceJsonContext.Default.SeedanceError)
                : JsonSerializer.Deserialize(body, SeedanceJsonContext.Default.SeedanceErrorEnvelope)?.Error;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string DefaultCode(HttpStatusCode status) => status switch
    {
        HttpStatusCode.Unauthorized => "unauthorized",
        HttpStatusCode.NotFound => "not_found",
        HttpStatusCode.UnprocessableEntity => "validation_failed",
        HttpStatusCode.TooManyRequests => "rate_limited",
        >= HttpStatusCode.InternalServerError => "server_error",
        _ => "http_" + ((int)status).ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    private static string Truncate(string text) => text.Length <= MaxErrorTextLength ? text : text[..MaxErrorTextLength] + "…";

    private void ReportUnknownStatus(SeedanceJob job)
    {
        if (job.StatusKind == SeedanceJobStatus.Unknown && ReportedUnknownStatuses.TryAdd(job.Status ?? string.Empty, 0))
        {
            Log.UnknownJobStatus(logger, job.Status ?? "<none>", job.Id);
        }
    }
}
