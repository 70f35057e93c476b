namespace SeedanceBot.ModelArk.Contracts;

/// <summary>A succeeded task's output: a presigned MP4 URL, GET-only, valid 24 hours.</summary>
internal sealed record ArkTaskContent(string? VideoUrl, string? LastFrameUrl = null);
