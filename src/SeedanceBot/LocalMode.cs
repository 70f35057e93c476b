namespace SeedanceBot;

/// <summary>Present in the container when the bot runs against the built-in simulator.</summary>
internal sealed record LocalMode(Uri SimulatorUrl);
