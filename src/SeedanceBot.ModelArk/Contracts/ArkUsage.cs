namespace SeedanceBot.ModelArk.Contracts;

/// <summary>A task's <c>usage</c>: the tokens it is billed for (<c>completion_tokens</c>), on GET and list items alike.</summary>
internal sealed record ArkUsage(long? CompletionTokens = null, long? TotalTokens = null);
