using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using SeedanceBot.Core.Video;
using SeedanceBot.Seedance.Contracts;
using SeedanceBot.Seedance.Http;

namespace SeedanceBot.Seedance;

/// <summary>Core's <see cref="IVideoProvider"/> over the product's Seedance v2 contract. Wire shapes stop here.</summary>
internal sealed partial class SeedanceVideoProvider(ISeedanceClient client) : IVideoProvider
{
    private static readonly ProviderCapabilities SeedanceCapabilities = new()
    {
        Name = "Seedance 2.0",

        // The contract's images field takes ModelArk's modes; a body may have 64 MB, and images go base64 (4/3 larger).
        Images = ImageInputLimits.Seedance with { MaxTotalBytes = 46L * 1024 * 1024 },

        // Every create asks for return_last_frame (the product's addition to the contract).
        ReturnsLastFrame = true,
    };

    public ProviderCapabilities Capabilities => SeedanceCapabilities;

    public async Task<SubmittedVideo> SubmitAsync(VideoRequest request, string idempotencyKey, CancellationToken cancellationToken)
    {
        var job = await CallAsync(() => client.SubmitAsync(ToWire(request), idempotencyKey, cancellationToken));
        return new SubmittedVideo(job.Id, ToState(job.StatusKind), job.CreatedAt);
    }

    public async Task<VideoJobStatus> GetJobAsync(string providerJobId, CallPriority priority, CancellationToken cancellationToken)
    {
        var job = await CallAsync(() => client.GetVideoAsync(providerJobId, priority, cancellationToken));
        return ToStatus(job);
    }

    public async Task<Uri?> GetLastFrameUrlAsync(string providerJobId, CancellationToken cancellationToken) =>
        (await GetJobAsync(providerJobId, CallPriority.Interactive, cancellationToken)).LastFrameUrl;

    public async Task<IReadOnlyList<VideoStyle>> GetStylesAsync(CancellationToken cancellationToken)
    {
        var styles = await CallAsync(() => client.GetStylesAsync(cancellationToken));
        return [.. styles.Select(s => new VideoStyle(s.Id, string.IsNullOrWhiteSpace(s.Name) ? s.Id : s.Name, s.Description))];
    }

    public async Task<AccountBalance?> GetBalanceAsync(CancellationToken cancellationToken)
    {
        var balance = await CallAsync(() => client.GetBalanceAsync(cancellationToken));
        return new AccountBalance(balance.Balance, string.IsNullOrWhiteSpace(balance.Unit) ? "credits" : balance.Unit);
    }

    /// <summary>The simulator and the contract POST the job object exactly as <c>GET /videos/{id}</c> answers it.</summary>
    public VideoJobStatus? ReadWebhook(ReadOnlySpan<byte> body)
    {
        try
        {
            return JsonSerializer.Deserialize(body, SeedanceJsonContext.Default.SeedanceJob) is { Id: { Length: > 0 } } job ? ToStatus(job) : null;
        }
        catch (Exception ex) when (ex is JsonException or NotSupportedException or ArgumentException or InvalidOperationException)
        {
            return null;
        }
    }

    internal static SeedanceVideoRequest ToWire(VideoRequest request) => new()
    {
        Prompt = request.IsStoryboard ? null : request.Prompt,
        Scenes = request.IsStoryboard ? [.. request.Scenes!.Select(s => new SeedanceScene(s.Prompt, s.DurationSeconds))] : null,
        AspectRatio = request.AspectRatio.ToRatioString(),
        DurationSecs = request.IsStoryboard ? null : request.DurationSeconds,
        Style = request.Style,
        Seed = request.Seed,
        Camera = request.Camera is { IsEmpty: false } camera
            ? new SeedanceCamera(Lower(camera.Zoom), Lower(camera.Pan), Lower(camera.Tilt))
            : null,
        MotionLevel = Lower(request.Motion),
        WebhookUrl = request.WebhookUrl?.AbsoluteUri,
        ReturnLastFrame = true,
        Images = request.Images is { Count: > 0 } images
            ? [.. images.Select(i => new SeedanceImage(
                $"data:{i.ContentType};base64,{Convert.ToBase64String(i.Content ?? throw new InvalidOperationException("An image reached the provider without its bytes."))}",
                i.Role switch
                {
                    ImageRole.FirstFrame => "first_frame",
                    ImageRole.LastFrame => "last_frame",
                    _ => "reference_image",
                }))]
            : null,
    };

    internal static VideoJobStatus ToStatus(SeedanceJob job)
    {
        var state = ToState(job.StatusKind);
        Uri? url = state == VideoJobState.Succeeded && Uri.TryCreate(job.Url, UriKind.Absolute, out var parsed) ? parsed : null;
        Uri? lastFrame = url is not null && Uri.TryCreate(job.LastFrameUrl, UriKind.Absolute, out var frame) ? frame : null;
        var error = state == VideoJobState.Failed
            ? new VideoJobError(job.Error?.Code, job.Error?.Message ?? "The video could not be generated.", IsContentRejection(job.Error?.Code))
            : null;
        int? progress = job.Progress is { } p && double.IsFinite(p) ? (int)Math.Clamp(Math.Round(p), 0, 100) : null;
        TimeSpan? eta = job.EtaSecs is { } e && double.IsFinite(e) && e >= 0 ? TimeSpan.FromSeconds(e) : null;
        return new VideoJobStatus(job.Id, state, job.Status ?? "unknown", progress, eta, url, error, LastFrameUrl: lastFrame);
    }

    internal static VideoProviderException ToProviderException(SeedanceApiException ex)
    {
        var kind = ex switch
        {
            { ErrorCode: "insufficient_credits" or "insufficient_balance" } or { StatusCode: HttpStatusCode.PaymentRequired } => VideoProviderErrorKind.InsufficientCredit,
            { ErrorCode: var code } when IsContentRejection(code) => VideoProviderErrorKind.ContentRejected,
            { StatusCode: HttpStatusCode.UnprocessableEntity or HttpStatusCode.BadRequest } => VideoProviderErrorKind.InvalidRequest,
            { StatusCode: HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden } => VideoProviderErrorKind.Unauthorized,
            { StatusCode: HttpStatusCode.NotFound } => VideoProviderErrorKind.NotFound,
            { StatusCode: HttpStatusCode.TooManyRequests } => VideoProviderErrorKind.RateLimited,
            _ => VideoProviderErrorKind.Unavailable,
        };
        var fields = ex.Details.Select(d => new FieldError(ToCoreField(d.Field), d.Message)).ToList();
        return new VideoProviderException(kind, ex.Message, fields, ex.RetryAfter, ex);
    }

    /// <summary>
    /// Maps the wire's field names to the bot's: <c>duration_secs</c> is <c>duration</c>, <c>motion_level</c> is
    /// <c>motion</c>, and scenes count from 1 as people do (<c>scenes[0]</c> is <c>scenes[1]</c>).
    /// </summary>
    internal static string ToCoreField(string wireField) => SceneIndex().Replace(
        wireField.Replace("duration_secs", "duration", StringComparison.Ordinal).Replace("motion_level", "motion", StringComparison.Ordinal),
        static match => $"scenes[{int.Parse(match.Groups[1].ValueSpan, CultureInfo.InvariantCulture) + 1}]");

    [GeneratedRegex(@"^scenes\[(\d{1,4})\]")]
    private static partial Regex SceneIndex();

    private static bool IsContentRejection(string? code) =>
        code is not null
        && (code.Contains("moderation", StringComparison.OrdinalIgnoreCase)
            || code.Contains("content_policy", StringComparison.OrdinalIgnoreCase)
            || code.Contains("sensitive", StringComparison.OrdinalIgnoreCase));

    private static VideoJobState ToState(SeedanceJobStatus status) => status switch
    {
        SeedanceJobStatus.Succeeded => VideoJobState.Succeeded,
        SeedanceJobStatus.Failed => VideoJobState.Failed,
        _ => VideoJobState.InProgress,
    };

    private static string? Lower<T>(T? value)
        where T : struct, Enum => value?.ToString().ToLower(CultureInfo.InvariantCulture);

    private static async Task<T> CallAsync<T>(Func<Task<T>> call)
    {
        try
        {
            return await call();
        }
        catch (SeedanceApiException ex)
        {
            throw ToProviderException(ex);
        }
    }
}
