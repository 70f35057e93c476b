namespace SeedanceBot.Core.Chat;

/// <summary>A labelled value shown with a message (seed, duration, job id...). Plain text.</summary>
public sealed record ChatField(string Label, string Value, bool Inline = true);
