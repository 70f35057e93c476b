namespace SeedanceBot.Simulator;

/// <summary>One API request the simulator answered, in arrival order.</summary>
public sealed record SimulatorRequest(string Method, string Path, DateTimeOffset ReceivedAt, int StatusCode, string? IdempotencyKey);
