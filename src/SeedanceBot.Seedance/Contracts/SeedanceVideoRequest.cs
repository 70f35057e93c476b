namespace SeedanceBot.Seedance.Contracts;

/// <summary>Body of <c>POST /videos</c>: exactly one of <see cref="Prompt"/> and <see cref="Scenes"/>.</summary>
public sealed record SeedanceVideoRequest
{
    public string? Prompt { get; init; }

    public IReadOnlyList<SeedanceScene>? Scenes { get; init; }

    public string? AspectRatio { get; init; }

    public int? DurationSecs { get; init; }

    public string? Style { get; init; }

    public long? Seed { get; init; }

    public SeedanceCamera? Camera { get; init; }

    public string? MotionLevel { get; init; }

    public string? WebhookUrl { get; init; }

    /// <summary>Input images (image-to-video); null for text only.</summary>
    public IReadOnlyList<SeedanceImage>? Images { get; init; }

    /// <summary>Asks for the video's last frame as a PNG (<c>last_frame_url</c> of the finished job): the bot continues clips from it. The product's addition to the contract.</summary>
    public bool? ReturnLastFrame { get; init; }
}
