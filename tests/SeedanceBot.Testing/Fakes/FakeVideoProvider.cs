using System.Collections.Concurrent;
using SeedanceBot.Core.Video;

namespace SeedanceBot.Testing.Fakes;

/// <summary>
/// A scripted provider for Core unit tests: jobs finish after <see cref="GenerationTime"/> on the given clock, and tests
/// can make the next calls fail. Counts every call.
/// </summary>
public sealed class FakeVideoProvider(TimeProvider time) : IVideoProvider
{
    private readonly ConcurrentDictionary<string, (DateTimeOffset Finish, VideoJobError? Error)> _jobs = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _byKey = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<VideoProviderException> _submitFailures = new();
    private int _stylesCalls;
    private int _submits;
    private int _polls;

    public ProviderCapabilities Capabilities { get; set; } = new() { Name = "Fake" };

    public TimeSpan GenerationTime { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>The error the next generated jobs end with; null for success.</summary>
    public VideoJobError? NextJobError { get; set; }

    /// <summary>How long the styles call takes on the clock (a slow API).</summary>
    public TimeSpan StylesDelay { get; set; }

    /// <summary>The catalogue GetStylesAsync answers.</summary>
    public IReadOnlyList<VideoStyle> Styles { get; set; } = [new("anime", "Anime", null), new("cinematic", "Cinematic", null)];

    public int Submits => _submits;

    /// <summary>Every request as the provider received it, in order.</summary>
    public ConcurrentQueue<VideoRequest> Requests { get; } = new();

    public int Polls => _polls;

    /// <summary>The priority of every poll, in order.</summary>
    public ConcurrentQueue<CallPriority> PollPriorities { get; } = new();

    public IReadOnlyCollection<string> IdempotencyKeys => [.. _byKey.Keys];

    public void FailNextSubmit(VideoProviderException failure) => _submitFailures.Enqueue(failure);

    /// <summary>When set, a submission waits for it (or its cancellation) after <see cref="SubmitHeld"/> says it arrived.</summary>
    public TaskCompletionSource? HoldSubmits { get; set; }

    /// <summary>Completed when a submission is waiting on <see cref="HoldSubmits"/>.</summary>
    public TaskCompletionSource SubmitHeld { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public async Task<SubmittedVideo> SubmitAsync(VideoRequest request, string idempotencyKey, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _submits);
        Requests.Enqueue(request);
        if (HoldSubmits is { } hold)
        {
            SubmitHeld.TrySetResult();
            await hold.Task.WaitAsync(cancellationToken);
        }

        if (_submitFailures.TryDequeue(out var failure))
        {
            throw failure;
        }

        var id = _byKey.GetOrAdd(idempotencyKey, _ =>
        {
            var newId = "fake_" + Guid.NewGuid().ToString("N")[..8];
            _jobs[newId] = (time.GetUtcNow() + GenerationTime, NextJobError);
            return newId;
        });
        return new SubmittedVideo(id, VideoJobState.InProgress, time.GetUtcNow());
    }

    public Task<VideoJobStatus> GetJobAsync(string providerJobId, CallPriority priority, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _polls);
        PollPriorities.Enqueue(priority);
        if (!_jobs.TryGetValue(providerJobId, out var job))
        {
            throw new VideoProviderException(VideoProviderErrorKind.NotFound, "no such job");
        }

        return Task.FromResult(Status(providerJobId, job, time.GetUtcNow()));
    }

    /// <summary>False makes callbacks only a hint, as for a provider whose callback bodies cannot be trusted.</summary>
    public bool ReadsWebhooks { get; set; } = true;

    /// <summary>
    /// The fake's callback body is a provider job id in UTF-8; it reads as that job's status now (not counted as a
    /// poll). An id the fake never made reads as a forged success with someone else's link.
    /// </summary>
    public VideoJobStatus? ReadWebhook(ReadOnlySpan<byte> body)
    {
        if (!ReadsWebhooks)
        {
            return null;
        }

        var id = System.Text.Encoding.UTF8.GetString(body);
        return _jobs.TryGetValue(id, out var job)
            ? Status(id, job, time.GetUtcNow())
            : new(id, VideoJobState.Succeeded, "succeeded", 100, VideoUrl: new Uri("https://evil.example/x.mp4"));
    }

    /// <summary>When set, GetStylesAsync fails with it.</summary>
    public VideoProviderException? StylesFailure { get; set; }

    /// <summary>How many times the catalogue was asked for.</summary>
    public int StylesCalls => _stylesCalls;

    public async Task<IReadOnlyList<VideoStyle>> GetStylesAsync(CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _stylesCalls);
        if (StylesFailure is { } failure)
        {
            throw failure;
        }

        if (StylesDelay > TimeSpan.Zero)
        {
            await Task.Delay(StylesDelay, time, cancellationToken);
        }

        return Styles;
    }

    /// <summary>When set, the provider returns last frames (<see cref="ProviderCapabilities.ReturnsLastFrame"/>), each at <c>{LastFrameBase}{providerJobId}-last.png</c> (a test serves it).</summary>
    public Uri? LastFrameBase
    {
        get => _lastFrameBase;
        set
        {
            _lastFrameBase = value;
            Capabilities = Capabilities with { ReturnsLastFrame = value is not null };
        }
    }

    private Uri? _lastFrameBase;

    public async Task<Uri?> GetLastFrameUrlAsync(string providerJobId, CancellationToken cancellationToken) =>
        (await GetJobAsync(providerJobId, CallPriority.Interactive, cancellationToken)).LastFrameUrl;

    private VideoJobStatus Status(string providerJobId, (DateTimeOffset Finish, VideoJobError? Error) job, DateTimeOffset now) =>
        now < job.Finish
            ? new(providerJobId, VideoJobState.InProgress, "processing", 50, job.Finish - now)
            : job.Error is { } error
                ? new(providerJobId, VideoJobState.Failed, "failed", Error: error)
                : new(providerJobId, VideoJobState.Succeeded, "succeeded", 100, VideoUrl: new Uri($"https://cdn.example.test/{providerJobId}.mp4?t={now.ToUnixTimeSeconds()}"),
                    LastFrameUrl: LastFrameBase is { } frames ? new Uri(frames, $"{providerJobId}-last.png") : null);

    public Task<AccountBalance?> GetBalanceAsync(CancellationToken cancellationToken) =>
        Task.FromResult<AccountBalance?>(new AccountBalance(1000m, "credits"));
}
