using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using SeedanceBot.Core.Chat;
using SeedanceBot.Core.Jobs;
using SeedanceBot.Core.Media;
using SeedanceBot.Core.Quotas;
using SeedanceBot.Core.Styles;
using SeedanceBot.Core.Video;

namespace SeedanceBot.Core.Commands;

/// <summary>
/// /video: parse (text or typed options), validate against the provider's limits and styles, pick a seed when none was
/// given (so every result can be reproduced), then reserve quota and store the job in one atomic step. The worker takes
/// it from there; the job's status message is the answer.
/// </summary>
public sealed class VideoCommand(
    IVideoProvider provider,
    StylesCache styles,
    QuotaService quotas,
    IJobStore store,
    JobEngine engine,
    TimeProvider time,
    ILogger<VideoCommand> logger,
    Diagnostics.BotMetrics metrics,
    IImageInspector images,
    IMediaStore media,
    Costs.JobCosts? costs = null) : ICommandHandler
{
    public const string CommandName = "video";

    public string Name => CommandName;

    public async Task<CommandReply> HandleAsync(ChatCommand command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var parsed = command.Options.Count > 0 ? VideoRequestParser.ParseOptions(command.Options) : VideoRequestParser.ParseText(command.Text);
        return await SubmitAsync(command.Origin, command.User, parsed.Request, parsed.Errors, command.Images, command.ReplyContext, cancellationToken, command.ReplayKey, command.Admission);
    }

    /// <summary>
    /// Validates a request (and its input images, from their bytes) against the provider, then stores its job; also
    /// the path of a Continue, whose request Core builds itself. <paramref name="readErrors"/> are what could not be read
    /// of the user's input; a field named there is not reported again. A <paramref name="replayKey"/> is recorded with the
    /// job (or its refusal), so a replay of the same request makes nothing. An <paramref name="admission"/> is told as soon
    /// as the job is admitted, before it is durable.
    /// </summary>
    public async Task<CommandReply> SubmitAsync(ChatOrigin origin, ChatUser user, VideoRequest request, IReadOnlyList<FieldError> readErrors, IReadOnlyList<VideoImage> inputImages, string? replyContext, CancellationToken cancellationToken, ReplayKey? replayKey = null, JobAdmission? admission = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(readErrors);
        // Report everything at once: what could not be read, and what breaks the provider's limits. Styles come from the
        // cache (never fetched here); before the first fetch any style passes and the API's answer decides.
        var validated = VideoRequestValidator.Validate(request, provider.Capabilities, [.. styles.Current.Select(s => s.Id)]);
        var errors = readErrors.Concat(validated.Errors.Where(v => !readErrors.Any(p => p.Field == v.Field))).ToList();
        // Input images are read from their own bytes (headers only) before anything is charged or sent.
        var imageCheck = ImageChecks.Check(inputImages, provider.Capabilities.Images, images);
        errors.AddRange(imageCheck.Errors);
        if (errors.Count > 0)
        {
            return Refuse(errors);
        }

        var valid = validated.Request with
        {
            Seed = validated.Request.Seed ?? RandomNumberGenerator.GetInt32(int.MaxValue),
            Images = imageCheck.Images.Count > 0 ? imageCheck.Images : null,
        };
        return await CreateAsync(origin, user, valid, cancellationToken, replyContext, replayKey, admission);
    }

    /// <summary>Stores a job for an already valid request (also used by the re-roll button).</summary>
    public async Task<CommandReply> CreateAsync(ChatOrigin origin, ChatUser user, VideoRequest request, CancellationToken cancellationToken, string? replyContext = null, ReplayKey? replayKey = null, JobAdmission? admission = null)
    {
        ArgumentNullException.ThrowIfNull(origin);
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(request);
        var check = await quotas.ResolveAsync(origin, user, cancellationToken);
        var seconds = request.TotalSeconds ?? provider.Capabilities.DefaultShotSeconds;
        var now = time.GetUtcNow();
        var id = JobIds.NewId(now);
        if (request.Images is { Count: > 0 })
        {
            var stored = await StoreImagesAsync(id, request.Images, cancellationToken);
            if (stored is null)
            {
                return CommandReply.Of(ChatMessage.Error("The images of that video are no longer stored, so I can't make it again."));
            }

            request = request with { Images = stored };
        }

        var job = new BotJob
        {
            Id = id,
            Origin = origin,
            UserId = user.UserId,
            UserName = user.DisplayName,
            Request = request,
            Seconds = seconds,
            EstimatedCost = costs?.Estimate(request, seconds),
            Currency = costs?.Currency,
            CreatedAt = now,
            WebhookToken = JobIds.NewToken(),
            ReplyContext = replyContext,
        };
        var created = admission is null
            ? await store.TryCreateAsync(job, check, replayKey, cancellationToken)
            : await store.TryCreateAsync(job, check, replayKey, admission, cancellationToken);
        if (!created.Created)
        {
            if (request.Images is { Count: > 0 })
            {
                await media.DeleteJobAsync(id, CancellationToken.None);
            }

            if (created.Replayed)
            {
                Log.RequestReplayed(logger, replayKey!.Id);
                return CommandReply.Replay;
            }

            var refusal = created.Refusal!.Value;
            metrics.QuotaRefused(refusal.ToString());

            return CommandReply.Of(ChatMessage.Error(QuotaMessages.IsBudget(refusal)
                ? QuotaMessages.Budget(refusal, check, created.Spent, job.Money, quotas.Clock)
                : QuotaMessages.Refusal(refusal, check, created.Usage, job.Seconds, quotas.Clock)));
        }

        Log.JobCreated(logger, job.Id, origin.Platform, user.UserId, job.Seconds);
        engine.Wake();
        return new CommandReply(null, job.Id);
    }

    /// <summary>
    /// Stores each image under the new job (from the adapter's bytes, or copied from the job a re-roll repeats), so the
    /// job owns its images whatever happens to the one it came from. Null when a copied image is gone.
    /// </summary>
    private async Task<IReadOnlyList<VideoImage>?> StoreImagesAsync(string jobId, IReadOnlyList<VideoImage> images, CancellationToken cancellationToken)
    {
        var stored = new List<VideoImage>(images.Count);
        var index = new Dictionary<ImageRole, int>();
        foreach (var image in images)
        {
            var content = image.Content is { } given ? new ReadOnlyMemory<byte>(given) : (await ReadAsync(image, cancellationToken))?.Content;
            if (content is not { } bytes)
            {
                return null;
            }

            index[image.Role] = index.GetValueOrDefault(image.Role) + 1;
            var key = MediaKeys.Image(jobId, image.Role, index[image.Role]);
            await media.SaveAsync(jobId, key, image.ContentType ?? "application/octet-stream", bytes, cancellationToken);
            stored.Add(image with { MediaKey = key, Content = null, Length = bytes.Length });
        }

        return stored;
    }

    private async Task<StoredMedia?> ReadAsync(VideoImage image, CancellationToken cancellationToken) =>
        image.MediaKey is { } key ? await media.ReadAsync(key, cancellationToken) : null;

    private static CommandReply Refuse(IReadOnlyList<FieldError> errors) =>
        CommandReply.Of(ChatMessage.Error(
            "I can't make that video yet:\n" + string.Join("\n", errors.Select(e => "• " + e.Message)) + "\nSee /help for the syntax."));
}
