namespace SeedanceBot.Discord.Contracts;

/// <summary>Makes a message a reply; <c>fail_if_not_exists: false</c> posts it anyway when the original is gone.</summary>
internal sealed record MessageReference(string? MessageId, bool? FailIfNotExists = null);
