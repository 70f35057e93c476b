using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly.Timeout;
using SeedanceBot.Core.Video;
using SeedanceBot.ModelArk.Contracts;
using SeedanceBot.ModelArk.Http;

namespace SeedanceBot.ModelArk;

/// <summary>
/// Core's <see cref="IVideoProvider"/> over BytePlus ModelArk / Volcengine Ark. What Ark has no field for becomes prompt
/// text (style, camera, motion, and a storyboard as one multi-shot prompt); /styles is a local catalogue; there is no
/// balance endpoint. Polls are batched into list calls. A create whose outcome is unknown (timeout, dropped
/// connection, 5xx) is never simply sent again: the task list is searched for it first, by its seed and time, and each
/// candidate's ratio and length are read from a GET of it (list items do not carry them).
/// </summary>
internal sealed class ModelArkVideoProvider(
    IModelArkClient client,
    ArkTaskBatcher batcher,
    StyleCatalogue styles,
    IOptions<ModelArkOptions> options,
    TimeProvider time,
    ILogger<ModelArkVideoProvider> logger) : IVideoProvider
{
    /// <summary>Ark's presigned video links last 24 hours and are not renewed.</summary>
    public static readonly TimeSpan LinkLifetime = TimeSpan.FromHours(24);

    private static readonly TimeSpan ReconcileWindow = TimeSpan.FromMinutes(10);
    private const int ReconcilePage = 100;

    /// <summary>At most this many candidates of one search are fetched for their settings (each GET costs a request of the minute's budget).</summary>
    private const int ReconcileLookups = 5;

    /// <summary>A failure reason longer than this is cut before it reaches the user.</summary>
    private const int ReasonShown = 300;

    /// <summary>A task body may have 64 MB; images go base64 (4/3 larger), so this much raw image data fits with room for the rest.</summary>
    private const long MaxImageBytesPerTask = 46L * 1024 * 1024;

    /// <summary>With a first frame the video takes the image's shape; another ratio may fail as a task type constraint.</summary>
    internal const string AdaptiveRatio = "adaptive";

    private readonly ConcurrentDictionary<string, UncertainCreate> _uncertain = new(StringComparer.Ordinal);

    /// <summary>Tasks already given to a job: a search for an uncertain create never hands one to a second job.</summary>
    private readonly ConcurrentDictionary<string, DateTimeOffset> _claimed = new(StringComparer.Ordinal);

    private ProviderCapabilities? _capabilities;

    /// <summary>Fixed for the process (options are read once); Core reads it on every engine pass.</summary>
    public ProviderCapabilities Capabilities => _capabilities ??= new()
    {
        Name = "Seedance 2.0 (ModelArk)",
        MinShotSeconds = options.Value.MinDurationSeconds,
        MaxShotSeconds = options.Value.MaxDurationSeconds,
        MaxTotalSeconds = options.Value.MaxDurationSeconds,
        MinTotalSeconds = options.Value.MinDurationSeconds,
        DefaultShotSeconds = Math.Clamp(5, options.Value.MinDurationSeconds, options.Value.MaxDurationSeconds),
        MaxSeed = uint.MaxValue,
        NativeStoryboards = false,
        ReportsBalance = false,
        SupportsWebhooks = true,
        MaxConcurrentJobs = options.Value.MaxConcurrentTasks,
        VideoLinkLifetime = LinkLifetime,
        ReturnsLastFrame = true,
        Billing = Core.Costs.VideoBilling.PerToken(options.Value.Model, options.Value.Resolution),
        Images = ImageInputLimits.Seedance with { MaxTotalBytes = MaxImageBytesPerTask },
    };

    public async Task<SubmittedVideo> SubmitAsync(VideoRequest request, string idempotencyKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var body = ToWire(request);
        if (body.Seed is null)
        {
            body = body with { Seed = DerivedSeed(idempotencyKey) };
        }
        var attempt = new UncertainCreate(body, time.GetUtcNow());
        if (!_uncertain.TryGetValue(idempotencyKey, out var earlier) && request.MayExistAlready)
        {
            // Core says an earlier attempt may have got through (e.g. the bot restarted mid-call): that memory is gone here,
            // so look for it over the whole search window.
            earlier = attempt;
        }

        if (earlier is not null && await FindCreatedAsync(idempotencyKey, earlier, cancellationToken) is { } found)
        {
            return found;
        }

        try
        {
            var id = await client.CreateAsync(body, cancellationToken);
            _uncertain.TryRemove(idempotencyKey, out _);
            Claim(id);
            return new SubmittedVideo(id, VideoJobState.InProgress, attempt.SentAt);
        }
        catch (ModelArkApiException ex) when ((int)ex.Status < 500)
        {
            _uncertain.TryRemove(idempotencyKey, out _);
            throw ToProviderException(ex, creating: true);
        }
        catch (Exception ex) when (IsUncertain(ex, cancellationToken))
        {
            // The task may exist: remember the attempt, look for it now, and again before any later resend.
            _uncertain[idempotencyKey] = earlier ?? attempt;
            Log.SubmitUncertain(logger, idempotencyKey, ex.GetType().Name);
            if (await FindCreatedAsync(idempotencyKey, earlier ?? attempt, cancellationToken) is { } created)
            {
                return created;
            }

            throw new VideoProviderException(VideoProviderErrorKind.Unavailable, "The video API did not confirm the submission; it is checked again before any resend.", [], TimeSpan.FromSeconds(15), ex);
        }
    }

    public Task<VideoJobStatus> GetJobAsync(string providerJobId, CallPriority priority, CancellationToken cancellationToken) =>
        ReadAsync(
            // The list item says how the task stands; one the list does not return is asked for directly.
            async () => await batcher.GetAsync(providerJobId, cancellationToken) is { } item
                ? ToStatus(item)
                : ToStatus(await client.GetAsync(providerJobId, cancellationToken)),
            "The video API is not answering polls.",
            cancellationToken);

    /// <summary>A GET of the task alone: list items (the batched polls) carry no <c>last_frame_url</c>.</summary>
    public Task<Uri?> GetLastFrameUrlAsync(string providerJobId, CancellationToken cancellationToken) =>
        ReadAsync(async () => ToStatus(await client.GetAsync(providerJobId, cancellationToken)).LastFrameUrl, "The video API is not answering.", cancellationToken);

    /// <summary>A read of Ark with its failures as Core's: Ark's errors mapped, the network's and timeouts as <see cref="VideoProviderErrorKind.Unavailable"/>.</summary>
    private async Task<T> ReadAsync<T>(Func<Task<T>> read, string unavailable, CancellationToken cancellationToken)
    {
        try
        {
            return await read();
        }
        catch (ModelArkApiException ex)
        {
            throw ToProviderException(ex, creating: false);
        }
        catch (Exception ex) when (ex is HttpRequestException or TimeoutRejectedException or System.Text.Json.JsonException
            || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            throw new VideoProviderException(VideoProviderErrorKind.Unavailable, unavailable, [], TimeSpan.FromSeconds(15), ex);
        }
    }

    public Task<IReadOnlyList<VideoStyle>> GetStylesAsync(CancellationToken cancellationToken) => Task.FromResult(styles.Styles);

    /// <summary>Ark has no balance endpoint: the account's credit lives in the BytePlus console.</summary>
    public Task<AccountBalance?> GetBalanceAsync(CancellationToken cancellationToken) => Task.FromResult<AccountBalance?>(null);

    internal ArkCreateTask ToWire(VideoRequest request)
    {
        var o = options.Value;
        return new ArkCreateTask
        {
            Model = o.Model,
            Content = [new ArkContentItem("text", Prompt(request)), .. Images(request)],
            Ratio = request.Images?.Any(i => i.Role == ImageRole.FirstFrame) == true ? AdaptiveRatio : request.AspectRatio.ToRatioString(),
            Duration = request.TotalSeconds,
            Seed = request.Seed,
            Resolution = o.Resolution,
            GenerateAudio = o.GenerateAudio,
            Watermark = o.Watermark,
            ReturnLastFrame = true,
            CallbackUrl = request.WebhookUrl?.AbsoluteUri,
            ExecutionExpiresAfter = (int)o.ExecutionExpiresAfter.TotalSeconds,
            SafetyIdentifier = request.EndUserId is { } user ? SafetyIdentifier(user) : null,
        };
    }

    /// <summary>The request's images as content items, each a data URL in its role.</summary>
    private static IEnumerable<ArkContentItem> Images(VideoRequest request) =>
        (request.Images ?? []).Select(image => new ArkContentItem(
            "image_url",
            ImageUrl: new ArkImageUrl($"data:{image.ContentType};base64,{Convert.ToBase64String(image.Content ?? throw new InvalidOperationException("An image reached the provider without its bytes."))}"),
            Role: image.Role switch
            {
                ImageRole.FirstFrame => "first_frame",
                ImageRole.LastFrame => "last_frame",
                _ => "reference_image",
            }));

    /// <summary>The prompt Ark gets: the shots in order for a storyboard, then the style, camera and motion as words.</summary>
    internal string Prompt(VideoRequest request)
    {
        var text = new StringBuilder();
        if (request.IsStoryboard)
        {
            text.Append(CultureInfo.InvariantCulture, $"A multi-shot video of {request.Scenes!.Count} shots, in this order.");
            for (var i = 0; i < request.Scenes.Count; i++)
            {
                var scene = request.Scenes[i];
                var shot = scene.Prompt.Trim();
                text.Append(CultureInfo.InvariantCulture, $" Shot {i + 1} ({scene.DurationSeconds} s): {shot}{(shot.EndsWith('.') || shot.EndsWith('!') || shot.EndsWith('?') ? string.Empty : ".")}");
            }
        }
        else
        {
            text.Append(request.Prompt?.Trim());
        }

        var promptEnd = text.Length;
        if (request.Camera is { IsEmpty: false } camera)
        {
            var moves = new List<string>();
            if (camera.Zoom is { } zoom)
            {
                moves.Add(zoom == ZoomDirection.In ? "slow zoom in" : "slow zoom out");
            }

            if (camera.Pan is { } pan)
            {
                moves.Add(pan == PanDirection.Left ? "pan left" : "pan right");
            }

            if (camera.Tilt is { } tilt)
            {
                moves.Add(tilt == TiltDirection.Up ? "tilt up" : "tilt down");
            }

            text.Append(" Camera: ").Append(string.Join(", ", moves)).Append('.');
        }

        if (request.Motion is { } motion)
        {
            text.Append(" Motion: ").Append(motion switch
            {
                MotionLevel.Low => "calm, minimal movement",
                MotionLevel.High => "energetic, fast movement",
                _ => "moderate movement",
            }).Append('.');
        }

        if (styles.PromptFor(request.Style) is { } style)
        {
            text.Append(" Style: ").Append(style.TrimEnd('.')).Append('.');
        }

        // The user's sentence ends before the bot's words begin.
        if (text.Length > promptEnd && promptEnd > 0 && text[promptEnd - 1] is not ('.' or '!' or '?'))
        {
            text.Insert(promptEnd, '.');
        }

        return text.ToString();
    }

    /// <summary>A salted SHA-256 of the chat user (never the id itself), 64 hex characters: Ark's limit.</summary>
    internal string SafetyIdentifier(string endUserId)
    {
        var salt = options.Value.SafetyIdentifierSalt is { Length: > 0 } configured ? configured : "sb-safety|" + options.Value.ApiKey;
        return Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(salt), Encoding.UTF8.GetBytes(endUserId)));
    }

    internal static VideoJobStatus ToStatus(ArkTask task) => ToStatus(task.Id, task.Status, task.Error, task.Content, task.Usage?.CompletionTokens);

    /// <summary>A list item's status: its reason from <c>failure_reason</c> (or <c>error</c>), as GET's from <c>error</c>.</summary>
    internal static VideoJobStatus ToStatus(ArkListItem item) => ToStatus(item.Id, item.Status, item.Reason, item.Content, item.Usage?.CompletionTokens);

    private static VideoJobStatus ToStatus(string id, string status, ArkTaskError? reason, ArkTaskContent? content, long? completionTokens) => status switch
    {
        ArkTask.Queued or ArkTask.Running => new VideoJobStatus(id, VideoJobState.InProgress, status),
        ArkTask.Succeeded when Uri.TryCreate(content?.VideoUrl, UriKind.Absolute, out var url) => new VideoJobStatus(
            id,
            VideoJobState.Succeeded,
            status,
            100,
            VideoUrl: url,
            CompletionTokens: completionTokens,
            LastFrameUrl: Uri.TryCreate(content.LastFrameUrl, UriKind.Absolute, out var frame) ? frame : null),
        ArkTask.Succeeded => new VideoJobStatus(id, VideoJobState.Failed, status, Error: new VideoJobError(null, "The video API reported success without a video")),
        ArkTask.Expired => new VideoJobStatus(id, VideoJobState.Failed, status, Error: new VideoJobError(reason?.Code ?? "expired", "The video API gave up on it: it did not finish in time")),
        ArkTask.Cancelled => new VideoJobStatus(id, VideoJobState.Failed, status, Error: new VideoJobError(reason?.Code ?? "cancelled", "It was cancelled at the video API")),
        ArkTask.Failed => new VideoJobStatus(id, VideoJobState.Failed, status, Error: new VideoJobError(reason?.Code, FailureText(reason), IsContentRejection(reason?.Code))),
        _ => new VideoJobStatus(id, VideoJobState.InProgress, status),
    };

    /// <summary>Ark's own words for a failure, on one line and not too long; its code when it gave no words.</summary>
    private static string FailureText(ArkTaskError? reason)
    {
        if (reason?.Message is { } message && string.Join(' ', message.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)) is { Length: > 0 } words)
        {
            return words.Length <= ReasonShown ? words : words[..(ReasonShown - 1)].TrimEnd() + "…";
        }

        return reason?.Code is { Length: > 0 } code
            ? $"error code {(code.Length <= ReasonShown ? code : code[..ReasonShown])}"
            : "The video could not be generated";
    }

    internal VideoProviderException ToProviderException(ModelArkApiException ex, bool creating)
    {
        var kind = ex switch
        {
            { Code: var code } when IsContentRejection(code) => VideoProviderErrorKind.ContentRejected,
            { Status: HttpStatusCode.BadRequest } => VideoProviderErrorKind.InvalidRequest,
            { Status: HttpStatusCode.Unauthorized } => VideoProviderErrorKind.Unauthorized,
            { Status: HttpStatusCode.Forbidden, Code: "AccountOverdueError" } => VideoProviderErrorKind.InsufficientCredit,
            { Status: HttpStatusCode.Forbidden } => VideoProviderErrorKind.Unauthorized,
            { Status: HttpStatusCode.NotFound } when creating => VideoProviderErrorKind.ModelNotActivated,
            { Status: HttpStatusCode.NotFound } => VideoProviderErrorKind.NotFound,
            { Status: HttpStatusCode.TooManyRequests } => VideoProviderErrorKind.RateLimited,
            _ => VideoProviderErrorKind.Unavailable,
        };
        switch (kind)
        {
            case VideoProviderErrorKind.InsufficientCredit:
                Log.AdminAction(logger, ex.Code ?? "403", "the account is out of credit; top it up in the BytePlus console (Billing).");
                break;
            case VideoProviderErrorKind.ModelNotActivated:
                Log.AdminAction(logger, ex.Code ?? "404", $"the model '{options.Value.Model}' is not activated; activate it in the ModelArk console (Model activation) or fix ModelArk:Model.");
                break;
            case VideoProviderErrorKind.Unauthorized:
                Log.AdminAction(logger, ex.Code ?? "401", "the API key was refused; check ModelArk:ApiKey.");
                break;
        }

        IReadOnlyList<FieldError> fields = kind == VideoProviderErrorKind.InvalidRequest && ex.Param is { Length: > 0 } param
            ? [new FieldError(CoreField(param), ex.ApiMessage ?? "is not accepted by the video API")]
            : [];
        return new VideoProviderException(kind, ex.Message, fields, ex.RetryAfter, ex);
    }

    private static string CoreField(string param) => param switch
    {
        "ratio" => "aspect_ratio",
        "content" or "content.text" or "text" => "prompt",
        _ => param,
    };

    private static bool IsContentRejection(string? code) =>
        code is not null && code.Contains("SensitiveContent", StringComparison.OrdinalIgnoreCase);

    private static bool IsUncertain(Exception ex, CancellationToken cancellationToken) => ex switch
    {
        ModelArkApiException => true, // 5xx (or a 200 without an id): the server may have created it
        System.Text.Json.JsonException => true,
        HttpRequestException or TimeoutRejectedException => true,
        OperationCanceledException => !cancellationToken.IsCancellationRequested,
        _ => false,
    };

    /// <summary>
    /// Looks for the task an uncertain create may have made: same seed, created around then, not cancelled nor another
    /// job's (what a list item carries), then the same ratio and length, which only a GET of the task says.
    /// </summary>
    private async Task<SubmittedVideo?> FindCreatedAsync(string idempotencyKey, UncertainCreate attempt, CancellationToken cancellationToken)
    {
        IReadOnlyList<ArkListItem> recent;
        try
        {
            recent = await client.ListAsync(null, ReconcilePage, cancellationToken);
        }
        catch (Exception ex) when (ex is ModelArkApiException or HttpRequestException or TimeoutRejectedException)
        {
            throw new VideoProviderException(VideoProviderErrorKind.Unavailable, "The video API's task list is not answering; the submission is checked again later.", [], TimeSpan.FromSeconds(15), ex);
        }

        var since = attempt.SentAt - ReconcileWindow;
        var candidates = recent.Where(t =>
            t.Seed == attempt.Body.Seed
            && DateTimeOffset.FromUnixTimeSeconds(t.CreatedAt) >= since
            && t.Status != ArkTask.Cancelled
            && !_claimed.ContainsKey(t.Id)).Take(ReconcileLookups);
        ArkListItem? match = null;
        foreach (var candidate in candidates)
        {
            ArkTask task;
            try
            {
                task = await client.GetAsync(candidate.Id, cancellationToken);
            }
            catch (ModelArkApiException ex) when (ex.Status == HttpStatusCode.NotFound)
            {
                continue; // deleted since the list answered: not the one
            }
            catch (Exception ex) when (ex is ModelArkApiException or HttpRequestException or TimeoutRejectedException)
            {
                throw new VideoProviderException(VideoProviderErrorKind.Unavailable, "The video API is not answering; the submission is checked again later.", [], TimeSpan.FromSeconds(15), ex);
            }

            if ((attempt.Body.Ratio == AdaptiveRatio || task.Ratio == attempt.Body.Ratio) && (attempt.Body.Duration is null || task.Duration == attempt.Body.Duration))
            {
                match = candidate;
                break;
            }
        }

        if (match is null)
        {
            return null;
        }

        _uncertain.TryRemove(idempotencyKey, out _);
        Claim(match.Id);
        Log.SubmitReconciled(logger, idempotencyKey, match.Id);
        return new SubmittedVideo(match.Id, VideoJobState.InProgress, DateTimeOffset.FromUnixTimeSeconds(match.CreatedAt));
    }

    private void Claim(string taskId)
    {
        var now = time.GetUtcNow();
        _claimed[taskId] = now;
        if (_claimed.Count > 1000)
        {
            foreach (var (old, at) in _claimed.Where(c => now - c.Value > ReconcileWindow * 2))
            {
                _claimed.TryRemove(old, out _);
            }
        }
    }

    /// <summary>A seed the bot can find its task by when the request named none (Core always picks one; this keeps the promise anyway).</summary>
    private static long DerivedSeed(string idempotencyKey) =>
        System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(SHA256.HashData(Encoding.UTF8.GetBytes(idempotencyKey)));

    private sealed record UncertainCreate(ArkCreateTask Body, DateTimeOffset SentAt);
}
