namespace SeedanceBot.Discord.Contracts;

/// <summary>An error body: <c>{"code": 50001, "message": "Missing Access"}</c>; on 429 also <c>retry_after</c> and <c>global</c>.</summary>
internal sealed record DiscordError(int Code = 0, string? Message = null, double? RetryAfter = null, bool? Global = null);
