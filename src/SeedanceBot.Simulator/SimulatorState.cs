using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace SeedanceBot.Simulator;

/// <summary>Everything the simulator remembers: jobs, idempotency keys, the request log, the rate-limit window.</summary>
internal sealed class SimulatorState(IOptions<SimulatorOptions> options, TimeProvider time)
{
    private const string IdAlphabet = "abcdefghijklmnopqrstuvwxyz0123456789";

    private readonly Lock _lock = new();
    private readonly Dictionary<string, SimulatorJob> _jobs = new(StringComparer.Ordinal);
    private readonly List<SimulatorJob> _jobOrder = [];
    private readonly Dictionary<string, (int Status, string Body)> _idempotent = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _idempotencyJobs = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<SimulatorRequest> _requests = new();
    private readonly Random _random = options.Value.RandomSeed is { } seed ? new Random(seed) : new Random();
    private readonly byte[] _signingKey = RandomNumberGenerator.GetBytes(32);
    private long _windowStart = long.MinValue;
    private int _windowCount;

    public SimulatorOptions Options => options.Value;

    public TimeProvider Time => time;

    public SimulatorFaults Faults { get; } = new();

    public IReadOnlyList<SimulatorRequest> Requests => [.. _requests];

    public IReadOnlyList<SimulatorJob> Jobs
    {
        get
        {
            lock (_lock)
            {
                return [.. _jobOrder];
            }
        }
    }

    /// <summary>Counts a request in the current fixed window (aligned to whole minutes of Unix time).</summary>
    public (int Limit, int Remaining, long Reset, bool Allowed) CountRequest()
    {
        var now = time.GetUtcNow().ToUnixTimeSeconds();
        var windowStart = now - (((now % 60) + 60) % 60);
        lock (_lock)
        {
            if (windowStart != _windowStart)
            {
                _windowStart = windowStart;
                _windowCount = 0;
            }

            var limit = options.Value.RequestsPerMinute;
            var allowed = _windowCount < limit;
            if (allowed)
            {
                _windowCount++;
            }

            return (limit, Math.Max(0, limit - _windowCount), windowStart + 60, allowed);
        }
    }

    public void Record(SimulatorRequest request) => _requests.Enqueue(request);

    public double NextRandom()
    {
        lock (_lock)
        {
            return _random.NextDouble();
        }
    }

    public bool TryGetIdempotent(string key, out (int Status, string Body) response)
    {
        lock (_lock)
        {
            return _idempotent.TryGetValue(key, out response);
        }
    }

    public SimulatorJob CreateJob(string requestJson, int totalSeconds, string? webhookUrl, string? idempotencyKey, Func<SimulatorJob, (int Status, string Body)> respond, out (int Status, string Body) response, bool returnLastFrame = false)
    {
        lock (_lock)
        {
            if (idempotencyKey is not null && _idempotent.TryGetValue(idempotencyKey, out response))
            {
                return _jobs[ExistingIdFor(idempotencyKey)];
            }

            var now = time.GetUtcNow();
            var opts = options.Value;
            var generation = (opts.BaseGenerationSeconds + (opts.SecondsPerVideoSecond * totalSeconds)) / opts.TimeScale;
            var id = "vid_" + string.Create(12, _random, static (span, random) =>
            {
                for (var i = 0; i < span.Length; i++)
                {
                    span[i] = IdAlphabet[random.Next(IdAlphabet.Length)];
                }
            });
            var job = new SimulatorJob(id, now, now + TimeSpan.FromSeconds(generation), _random.NextDouble() < opts.FailureRate, totalSeconds, webhookUrl, requestJson, returnLastFrame);
            _jobs[id] = job;
            _jobOrder.Add(job);
            response = respond(job);
            if (idempotencyKey is not null)
            {
                _idempotent[idempotencyKey] = response;
                _idempotencyJobs[idempotencyKey] = id;
            }

            return job;
        }
    }

    public SimulatorJob? GetJob(string id)
    {
        lock (_lock)
        {
            return _jobs.GetValueOrDefault(id);
        }
    }

    public double Balance()
    {
        var now = time.GetUtcNow();
        lock (_lock)
        {
            return options.Value.InitialBalance - _jobOrder.Where(j => !j.WillFail && j.FinishesAt <= now).Sum(j => j.TotalSeconds);
        }
    }

    public string Sign(string id, long expires)
    {
        var payload = Encoding.UTF8.GetBytes(FormattableString.Invariant($"{id}:{expires}"));
        return Convert.ToHexStringLower(HMACSHA256.HashData(_signingKey, payload));
    }

    public bool VerifySignature(string id, long expires, string? signature) =>
        signature is not null
        && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Sign(id, expires)), Encoding.ASCII.GetBytes(signature));

    private string ExistingIdFor(string key) => _idempotencyJobs[key];
}
