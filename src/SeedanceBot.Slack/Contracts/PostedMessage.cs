namespace SeedanceBot.Slack.Contracts;

/// <summary>chat.postMessage's answer: keep <see cref="Channel"/> and <see cref="Ts"/> for chat.update and threads.</summary>
internal sealed record PostedMessage : SlackResponse
{
    public string Channel { get; init; } = string.Empty;

    public string Ts { get; init; } = string.Empty;
}
