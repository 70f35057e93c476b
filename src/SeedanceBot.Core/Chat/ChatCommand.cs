namespace SeedanceBot.Core.Chat;

/// <summary>
/// A slash command after the adapter translated it: its name, the caller, where it came from, and its input as a line
/// of text (Slack, the playground) and/or typed options (Discord).
/// </summary>
public sealed record ChatCommand(string Name, ChatOrigin Origin, ChatUser User, string Text = "")
{
    /// <summary>Typed options by name (see <c>VideoOptionNames</c>); empty for text-only platforms.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Options { get; init; } = [];

    /// <summary>Input images the adapter downloaded at once (chat links expire), with their roles; checked and stored by Core.</summary>
    public IReadOnlyList<Video.VideoImage> Images { get; init; } = [];

    /// <summary>Opaque data the adapter needs to answer a job later (an interaction token, a response_url); kept with the job.</summary>
    public string? ReplyContext { get; init; }

    /// <summary>
    /// The request's id when the adapter leaves recording it to the job this command makes (see <see cref="Chat.ReplayKey"/>);
    /// null when the adapter recorded it before handing the command over, or the platform has none.
    /// </summary>
    public ReplayKey? ReplayKey { get; init; }

    /// <summary>Told as soon as the job this command makes is admitted, before it is durable (see <see cref="Jobs.JobAdmission"/>).</summary>
    public Jobs.JobAdmission? Admission { get; init; }
}
