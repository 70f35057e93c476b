namespace SeedanceBot.Core.Video;

/// <summary>A visual style a provider offers.</summary>
public sealed record VideoStyle(string Id, string Name, string? Description);
