namespace SeedanceBot.Seedance.Contracts;

/// <summary>One shot of a storyboard.</summary>
public sealed record SeedanceScene(string Prompt, int? DurationSecs);
