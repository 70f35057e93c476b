namespace SeedanceBot.Discord.Contracts;

/// <summary><c>data.resolved</c>: the objects a command's options refer to by id; the bot reads only attachments.</summary>
internal sealed record InteractionResolved(IReadOnlyDictionary<string, DiscordAttachment>? Attachments = null);
