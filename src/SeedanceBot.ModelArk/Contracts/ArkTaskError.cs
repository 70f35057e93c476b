namespace SeedanceBot.ModelArk.Contracts;

/// <summary>Why a task failed (<c>task.error</c>), or an HTTP error body's <c>error</c>.</summary>
internal sealed record ArkTaskError(string? Code, string? Message, string? Param = null, string? Type = null);
