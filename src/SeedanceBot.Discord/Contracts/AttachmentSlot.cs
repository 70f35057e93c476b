namespace SeedanceBot.Discord.Contracts;

/// <summary>An attachment in <c>payload_json</c>: <see cref="Id"/> matches the <c>files[n]</c> part.</summary>
internal sealed record AttachmentSlot(int Id, string Filename, string? Description = null);
