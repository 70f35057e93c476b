namespace SeedanceBot.Testing.Slack;

/// <summary>
/// A file the bot uploaded to the fake (<c>files.getUploadURLExternal</c> then the upload POST). The channel, thread,
/// title and comment are filled in by <c>files.completeUploadExternal</c>, which also sets <see cref="Completed"/>.
/// </summary>
public sealed record FakeSlackFile(string Id, string Name, string Title, long Length, byte[] Content, string? Channel, string? ThreadTs, string? InitialComment, bool Completed = false);
