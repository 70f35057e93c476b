namespace SeedanceBot.Seedance.Contracts;

/// <summary>One entry of a 422's <c>details</c>.</summary>
public sealed record SeedanceFieldError(string Field, string Message);
