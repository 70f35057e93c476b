namespace SeedanceBot.Slack.Events;

/// <summary>
/// How a slash command will be answered, decided from what is known locally before anything waits: the form, an answer
/// in the acknowledgement, or (a caller never looked up, with a <c>response_url</c>) an empty acknowledgement at once
/// and the answer after <c>users.info</c>.
/// </summary>
/// <param name="Name">The command's name without its slash.</param>
/// <param name="ResponseUrl">Where late answers go, when Slack gave a usable one.</param>
/// <param name="IsAdmin">The caller's cached admin flag (false where no flag is needed); null when not known yet.</param>
/// <param name="OpensForm">Opens the /video form (no text, a trigger to open it with).</param>
internal sealed record SlashPlan(string Name, Uri? ResponseUrl, bool? IsAdmin, bool OpensForm)
{
    /// <summary>Acknowledged empty at once, answered through the response_url.</summary>
    public bool AnswersLate => !OpensForm && IsAdmin is null && ResponseUrl is not null;

    /// <summary>
    /// A typed /video: the request is recorded by the reservation of the job it makes (one durable write answers both),
    /// not in the ledger before it.
    /// </summary>
    public bool RecordedWithItsJob => !OpensForm && Name == Core.Commands.VideoCommand.CommandName;
}
