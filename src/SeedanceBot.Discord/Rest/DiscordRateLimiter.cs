using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using Microsoft.Extensions.Logging;

namespace SeedanceBot.Discord.Rest;

/// <summary>
/// Discord's rate limits for the whole process: per-route buckets learned from <c>X-RateLimit-Bucket/Remaining/
/// Reset-After</c> (one request per bucket at a time, waiting for the reset when a bucket is spent), the global limit
/// (50 requests/s; interaction routes are exempt), holds after a 429 (<c>retry_after</c>, global or per bucket), and a
/// guard against Cloudflare's ban for invalid requests (401/403/429): past a tenth of the ban threshold in 10 minutes
/// the bot stops sending bot-token requests until the window moves on.
/// </summary>
internal sealed class DiscordRateLimiter(TimeProvider time, ILogger<DiscordRateLimiter> logger)
{
    public const int GlobalPerSecond = 50;
    public const int InvalidRequestBudget = 1000;
    private static readonly TimeSpan InvalidWindow = TimeSpan.FromMinutes(10);
    private const int PruneAbove = 512;

    private readonly ConcurrentDictionary<string, string> _hashes = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Bucket> _buckets = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();
    private readonly Queue<DateTimeOffset> _globalWindow = new();
    private readonly Queue<DateTimeOffset> _invalid = new();
    private DateTimeOffset _globalHoldUntil;

    public async Task<Bucket> AcquireAsync(DiscordRoute route, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(route);
        if (!route.IsInteraction && InvalidRequestsInWindow() >= InvalidRequestBudget)
        {
            throw new DiscordApiException($"Paused: {InvalidRequestBudget} invalid requests (401/403/429) in 10 minutes; waiting so Discord does not ban this IP.");
        }

        var bucket = BucketFor(route);
        await bucket.Gate.WaitAsync(cancellationToken);
        try
        {
            while (true)
            {
                var wait = WaitFor(route, bucket, time.GetUtcNow());
                if (wait <= TimeSpan.Zero)
                {
                    break;
                }

                Log.RateLimitWait(logger, route.Key, wait.TotalMilliseconds);
                await Task.Delay(wait, time, cancellationToken);
            }

            return bucket;
        }
        catch
        {
            bucket.Gate.Release();
            throw;
        }
    }

    /// <summary>Learns from the response (headers, a 429's body) and frees the bucket for the next request.</summary>
    public void Complete(DiscordRoute route, Bucket bucket, HttpResponseMessage response, double? retryAfterFromBody, bool? globalFromBody)
    {
        ArgumentNullException.ThrowIfNull(route);
        ArgumentNullException.ThrowIfNull(bucket);
        ArgumentNullException.ThrowIfNull(response);
        try
        {
            var now = time.GetUtcNow();
            var headers = response.Headers;
            if (Header(headers, "X-RateLimit-Bucket") is { Length: > 0 } hash && _hashes.GetValueOrDefault(route.Key) != hash)
            {
                _hashes[route.Key] = hash;
                _buckets.TryAdd(hash + "|" + route.MajorParameter, bucket);
            }

            if (Number(headers, "X-RateLimit-Remaining") is { } remaining)
            {
                bucket.Remaining = (int)remaining;
            }

            if (Number(headers, "X-RateLimit-Reset-After") is { } resetAfter)
            {
                bucket.ResetAt = now + TimeSpan.FromSeconds(resetAfter);
            }

            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                var retryAfter = TimeSpan.FromSeconds(retryAfterFromBody ?? Number(headers, "Retry-After") ?? 1);
                var scope = Header(headers, "X-RateLimit-Scope");
                var global = globalFromBody == true || Header(headers, "X-RateLimit-Global") is "true";
                if (global)
                {
                    lock (_lock)
                    {
                        _globalHoldUntil = now + retryAfter;
                    }
                }
                else
                {
                    bucket.Remaining = 0;
                    bucket.ResetAt = now + retryAfter;
                }

                Log.RateLimited(logger, route.Key, global, scope ?? "user", retryAfter.TotalMilliseconds);
                if (scope != "shared")
                {
                    CountInvalid(now);
                }
            }
            else if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
            {
                CountInvalid(now);
            }
        }
        finally
        {
            bucket.Gate.Release();
            Prune();
        }
    }

    /// <summary>The request failed before an answer (network error, timeout): free the bucket, learn nothing.</summary>
    public static void Abandon(Bucket bucket)
    {
        ArgumentNullException.ThrowIfNull(bucket);
        bucket.Gate.Release();
    }

    private TimeSpan WaitFor(DiscordRoute route, Bucket bucket, DateTimeOffset now)
    {
        var wait = bucket.Remaining == 0 && bucket.ResetAt > now ? bucket.ResetAt - now : TimeSpan.Zero;
        if (route.IsInteraction)
        {
            return wait;
        }

        lock (_lock)
        {
            if (_globalHoldUntil > now && _globalHoldUntil - now > wait)
            {
                wait = _globalHoldUntil - now;
            }

            while (_globalWindow.TryPeek(out var sent) && now - sent >= TimeSpan.FromSeconds(1))
            {
                _globalWindow.Dequeue();
            }

            if (_globalWindow.Count >= GlobalPerSecond)
            {
                var free = _globalWindow.Peek() + TimeSpan.FromSeconds(1) - now;
                wait = free > wait ? free : wait;
            }

            if (wait <= TimeSpan.Zero)
            {
                _globalWindow.Enqueue(now);
            }
        }

        return wait;
    }

    private Bucket BucketFor(DiscordRoute route)
    {
        var key = (_hashes.TryGetValue(route.Key, out var hash) ? hash : route.Key) + "|" + route.MajorParameter;
        return _buckets.GetOrAdd(key, static _ => new Bucket());
    }

    private void CountInvalid(DateTimeOffset now)
    {
        lock (_lock)
        {
            _invalid.Enqueue(now);
        }
    }

    private int InvalidRequestsInWindow()
    {
        var now = time.GetUtcNow();
        lock (_lock)
        {
            while (_invalid.TryPeek(out var at) && now - at >= InvalidWindow)
            {
                _invalid.Dequeue();
            }

            return _invalid.Count;
        }
    }

    /// <summary>Interaction tokens make many one-off buckets: drop idle, reset ones once there are many.</summary>
    private void Prune()
    {
        if (_buckets.Count <= PruneAbove)
        {
            return;
        }

        var now = time.GetUtcNow();
        foreach (var (key, bucket) in _buckets)
        {
            if (bucket.ResetAt <= now && bucket.Gate.CurrentCount == 1)
            {
                _buckets.TryRemove(key, out _);
            }
        }
    }

    private static string? Header(System.Net.Http.Headers.HttpResponseHeaders headers, string name) =>
        headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;

    private static double? Number(System.Net.Http.Headers.HttpResponseHeaders headers, string name) =>
        double.TryParse(Header(headers, name), NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : null;

    /// <summary>One bucket: requests in it go one at a time.</summary>
    internal sealed class Bucket
    {
        public SemaphoreSlim Gate { get; } = new(1, 1);

        public int? Remaining { get; set; }

        public DateTimeOffset ResetAt { get; set; }
    }
}
