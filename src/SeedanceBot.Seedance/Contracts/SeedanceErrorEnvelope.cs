namespace SeedanceBot.Seedance.Contracts;

/// <summary>An error response body: <c>{"error": ...}</c>.</summary>
internal sealed record SeedanceErrorEnvelope(SeedanceError? Error);
