namespace SeedanceBot.Slack.Contracts;

/// <summary>One clicked element of a <c>block_actions</c> payload; <see cref="Value"/> carries the job id.</summary>
internal sealed record InteractiveAction(string ActionId, string? Value, string? BlockId = null);
