namespace SeedanceBot.ModelArk.Contracts;

/// <summary>The body of <c>POST /contents/generations/tasks</c> (the fields the bot uses; options as body fields, which Ark validates strictly).</summary>
internal sealed record ArkCreateTask
{
    public required string Model { get; init; }

    public required IReadOnlyList<ArkContentItem> Content { get; init; }

    public string? Ratio { get; init; }

    public int? Duration { get; init; }

    public long? Seed { get; init; }

    public string? Resolution { get; init; }

    public bool? GenerateAudio { get; init; }

    public bool? Watermark { get; init; }

    /// <summary>Adds <c>content.last_frame_url</c> (a PNG) to the finished task: the bot continues clips from it.</summary>
    public bool? ReturnLastFrame { get; init; }

    public string? CallbackUrl { get; init; }

    /// <summary>Seconds after which a task not finished becomes <c>expired</c> upstream ([3600, 259200]).</summary>
    public int? ExecutionExpiresAfter { get; init; }

    /// <summary>A hashed end-user id (at most 64 characters), never the raw chat id.</summary>
    public string? SafetyIdentifier { get; init; }
}
