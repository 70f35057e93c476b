namespace SeedanceBot.Testing.Slack;

/// <summary>A workspace member as <c>users.info</c> reports them; admin and owner are workspace roles.</summary>
public sealed record FakeSlackUser(string Id, string Name, bool IsAdmin = false, bool IsOwner = false, bool IsPrimaryOwner = false);
