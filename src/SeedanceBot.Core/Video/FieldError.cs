namespace SeedanceBot.Core.Video;

/// <summary>One invalid field, named in the bot's own terms (prompt, scenes[1].duration, aspect_ratio, duration, style, seed, camera, motion).</summary>
public sealed record FieldError(string Field, string Message);
