namespace SeedanceBot.Discord.Contracts;

/// <summary>
/// Who a message may ping. There is deliberately no way to build "parse everyone/roles": the bot pings at most the one
/// requester, so echoed text can never reach @everyone, @here or a role.
/// </summary>
internal sealed record AllowedMentions
{
    private AllowedMentions(IReadOnlyList<string>? users) => Users = users;

    public static AllowedMentions None { get; } = new(users: null);

    public IReadOnlyList<string> Parse { get; } = [];

    public IReadOnlyList<string>? Users { get; }

    /// <summary>A reply never pings the author of the message it answers.</summary>
    public bool RepliedUser { get; }

    public static AllowedMentions OnlyUser(string userId) => new([userId]);
}
