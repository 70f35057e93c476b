namespace SeedanceBot.ModelArk.Contracts;

/// <summary>An error response: <c>{"error":{"code","message","param","type"}}</c>.</summary>
internal sealed record ArkErrorBody(ArkTaskError? Error);
