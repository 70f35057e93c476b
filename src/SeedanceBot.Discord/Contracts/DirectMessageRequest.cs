namespace SeedanceBot.Discord.Contracts;

/// <summary><c>POST /users/@me/channels</c>: opens (or finds) the direct-message channel with a user.</summary>
internal sealed record DirectMessageRequest(string RecipientId);
