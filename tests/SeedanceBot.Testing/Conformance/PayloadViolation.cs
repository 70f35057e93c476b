namespace SeedanceBot.Testing.Conformance;

/// <summary>
/// One rule a body the bot sent breaks: where it was sent (<see cref="Route"/>: "POST /channels/{channel_id}/messages",
/// "chat.postMessage", "socket ack"), the place in the body (<see cref="Location"/>, a JSON pointer such as
/// <c>/embeds/0/fields</c>; empty for the whole body) and the rule in words, with its source.
/// </summary>
public sealed record PayloadViolation(string Route, string Location, string Rule)
{
    public override string ToString() => $"{Route} {(Location.Length == 0 ? "/" : Location)}: {Rule}";
}
