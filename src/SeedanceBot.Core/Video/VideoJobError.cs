namespace SeedanceBot.Core.Video;

/// <summary>Why a provider gave up on a job.</summary>
/// <param name="Code">The provider's error code when it sent one.</param>
/// <param name="Message">Human-readable text from the provider.</param>
/// <param name="IsContentRejection">True when the prompt or output was refused by moderation.</param>
public sealed record VideoJobError(string? Code, string Message, bool IsContentRejection = false);
