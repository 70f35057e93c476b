namespace SeedanceBot.Slack.Contracts;

/// <summary>Where the clicked element sat: a message (<see cref="MessageTs"/> in <see cref="ChannelId"/>) or a view.</summary>
internal sealed record InteractiveContainer(string? Type, string? MessageTs, string? ChannelId, bool? IsEphemeral);
