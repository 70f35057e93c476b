namespace SeedanceBot.Testing.Discord;

/// <summary>A REST request the fake received, as it arrived on the wire.</summary>
public sealed record FakeDiscordRequest(string Method, string Path, string Query, string? Authorization, string? UserAgent, string? ContentType, byte[] Body, DateTimeOffset At)
{
    public string BodyText => System.Text.Encoding.UTF8.GetString(Body);
}
