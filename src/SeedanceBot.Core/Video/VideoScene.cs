namespace SeedanceBot.Core.Video;

/// <summary>One shot of a storyboard.</summary>
public sealed record VideoScene(string Prompt, int DurationSeconds);
