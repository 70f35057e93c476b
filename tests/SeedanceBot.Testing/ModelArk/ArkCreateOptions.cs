namespace SeedanceBot.Testing.ModelArk;

/// <summary>
/// A validated create body with the defaults of spec §1 filled in. <see cref="Duration"/> and <see cref="Ratio"/> are
/// as requested (<c>-1</c> and <c>adaptive</c> included); the task object reports what the "model" chose.
/// </summary>
internal sealed record ArkCreateOptions(
    string Model,
    string Text,
    string Ratio,
    int Duration,
    long? Seed,
    string Resolution,
    bool GenerateAudio,
    bool Watermark,
    bool ReturnLastFrame,
    Uri? CallbackUrl,
    int ExecutionExpiresAfter,
    string ServiceTier,
    int Priority,
    string? SafetyIdentifier);
