namespace SeedanceBot.Core.Chat;

/// <summary>Where a command came from and where its answers go.</summary>
/// <param name="Platform">The adapter's name: <c>discord</c>, <c>slack</c>, <c>playground</c>.</param>
/// <param name="WorkspaceId">A Discord guild, a Slack team, the playground.</param>
/// <param name="ChannelId">The channel (or DM) the command was typed in.</param>
/// <param name="ThreadId">A thread to answer in, when there is one.</param>
public sealed record ChatOrigin(string Platform, string WorkspaceId, string ChannelId, string? ThreadId = null);
