namespace SeedanceBot.Core.Commands;

/// <summary>What a button click did: the reply to show, and whether the adapter should delete the message it sat on.</summary>
public sealed record ActionOutcome(CommandReply Reply, bool DeleteMessage = false);
