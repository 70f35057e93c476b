namespace SeedanceBot.Slack.Contracts;

/// <summary>An interactive payload: <c>block_actions</c> (a button) or <c>view_submission</c> (the /video form).</summary>
internal sealed record InteractivePayload
{
    public string Type { get; init => field = value ?? string.Empty; } = string.Empty;

    public SlackRef? Team { get; init; }

    public SlackRef? User { get; init; }

    public SlackRef? Channel { get; init; }

    public InteractiveContainer? Container { get; init; }

    public string? ResponseUrl { get; init; }

    public string? TriggerId { get; init; }

    public IReadOnlyList<InteractiveAction>? Actions { get; init; }

    public SlackView? View { get; init; }

    public const string BlockActions = "block_actions";
    public const string ViewSubmission = "view_submission";
}
