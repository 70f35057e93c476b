using SeedanceBot.Core.Chat;

namespace SeedanceBot.Core.Commands;

/// <summary>A command's answer. <see cref="Message"/> is null when the job's status message is the answer.</summary>
public sealed record CommandReply(ChatMessage? Message, string? JobId = null)
{
    /// <summary>
    /// The answer to a replayed request (its <see cref="ReplayKey"/> was recorded before, with a job or an answer): a
    /// private "already handled", which a transport that already answered the original does not send again.
    /// </summary>
    public static CommandReply Replay { get; } = new(ChatMessage.Private("I already handled this request.")) { Replayed = true };

    public bool Replayed { get; private init; }

    public static CommandReply Of(ChatMessage message) => new(message);
}
