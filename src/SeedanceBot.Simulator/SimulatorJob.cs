namespace SeedanceBot.Simulator;

/// <summary>A job the simulator created, with its fate decided at submission; <see cref="ReturnLastFrame"/> when the request asked for its last frame.</summary>
public sealed record SimulatorJob(
    string Id,
    DateTimeOffset CreatedAt,
    DateTimeOffset FinishesAt,
    bool WillFail,
    int TotalSeconds,
    string? WebhookUrl,
    string RequestJson,
    bool ReturnLastFrame = false);
