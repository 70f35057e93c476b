using SeedanceBot.Core.Chat;

namespace SeedanceBot.Core.Commands;

/// <summary>A command's answer. <see cref="Message"/> is null when the job's status message is the answer.</summary>
public sealed record CommandReply(ChatMessage? Message, string? JobId = null)
{
    public static CommandReply Of(ChatMessage message) => new(message);
}
