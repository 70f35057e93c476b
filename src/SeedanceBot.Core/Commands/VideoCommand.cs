using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using SeedanceBot.Core.Chat;
using SeedanceBot.Core.Jobs;
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
    Costs.JobCosts? costs = null) : ICommandHandler
{
    public const string CommandName = "video";

    public string Name => CommandName;

    public async Task<CommandReply> HandleAsync(ChatCommand command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var parsed = command.Options.Count > 0 ? VideoRequestParser.ParseOptions(command.Options) : VideoRequestParser.ParseText(command.Text);
        // Report everything at once: what could not be read, and what breaks the provider's limits. Styles come from the
        // cache (never fetched here); before the first fetch any style passes and the API's answer decides.
        var validated = VideoRequestValidator.Validate(parsed.Request, provider.Capabilities, [.. styles.Current.Select(s => s.Id)]);
        var errors = parsed.Errors.Concat(validated.Errors.Where(v => !parsed.Errors.Any(p => p.Field == v.Field))).ToList();
        if (errors.Count > 0)
        {
            return Refuse(errors);
        }

        var request = validated.Request with { Seed = validated.Request.Seed ?? RandomNumberGenerator.GetInt32(int.MaxValue) };
        return await CreateAsync(command.Origin, command.User, request, cancellationToken, command.ReplyContext);
    }

    /// <summary>Stores a job for an already valid request (also used by the re-roll button).</summary>
    public async Task<CommandReply> CreateAsync(ChatOrigin origin, ChatUser user, VideoRequest request, CancellationToken cancellationToken, string? replyContext = null)
    {
        ArgumentNullException.ThrowIfNull(origin);
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(request);
        var check = await quotas.ResolveAsync(origin, user, cancellationToken);
        var seconds = request.TotalSeconds ?? provider.Capabilities.DefaultShotSeconds;
        var job = new BotJob
        {
            Id = JobIds.NewId(),
            Origin = origin,
            UserId = user.UserId,
            UserName = user.DisplayName,
            Request = request,
            Seconds = seconds,
            EstimatedCost = costs?.Estimate(request, seconds),
            Currency = costs?.Currency,
            CreatedAt = time.GetUtcNow(),
            WebhookToken = JobIds.NewToken(),
            ReplyContext = replyContext,
        };
        var created = await store.TryCreateAsync(job, check, cancellationToken);
        if (!created.Created)
        {
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

    private static CommandReply Refuse(IReadOnlyList<FieldError> errors) =>
        CommandReply.Of(ChatMessage.Error(
            "I can't make that video yet:\n" + string.Join("\n", errors.Select(e => "• " + e.Message)) + "\nSee /help for the syntax."));
}
