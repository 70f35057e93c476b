namespace SeedanceBot.Discord.Contracts;

/// <summary>A file a user attached to a command option (type 11): <see cref="Url"/> is a signed CDN link that expires.</summary>
internal sealed record DiscordAttachment(string Id, string Filename, string? ContentType = null, long Size = 0, string? Url = null);
