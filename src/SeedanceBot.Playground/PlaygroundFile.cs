namespace SeedanceBot.Playground;

/// <summary>A file that came with a bot message (a /usage chart or CSV), served at <see cref="Url"/> while the chat keeps it.</summary>
public sealed record PlaygroundFile(string Name, string ContentType, string Url);
