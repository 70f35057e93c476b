using SeedanceBot.Core.Chat;

namespace SeedanceBot.Core.Delivery;

/// <summary>
/// The two messages that end a job, both built by Core once (<c>JobMessages.Delivery</c>): <see cref="Result"/>, its
/// own message (the video, or why it failed, mentioning the requester), and <see cref="FinalStatus"/>, the one-line
/// summary the status message ends as. Adapters post them as they are.
/// </summary>
public sealed record JobDelivery(ChatMessage Result, ChatMessage FinalStatus);
