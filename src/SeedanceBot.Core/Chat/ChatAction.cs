namespace SeedanceBot.Core.Chat;

/// <summary>
/// A button under a message. <see cref="Value"/> carries the job id, so a click works after a restart: the state comes
/// from the store, not from memory.
/// </summary>
public sealed record ChatAction(string Id, string Label, string Value)
{
    public const string Reroll = "reroll";

    /// <summary>A new clip that starts from this one's last frame; the adapter first asks for the next shot's prompt.</summary>
    public const string Continue = "continue";
    public const string FreshLink = "fresh_link";
    public const string Delete = "delete";
}
