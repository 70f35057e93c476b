using System.Text.Json.Nodes;

namespace SeedanceBot.Testing.ModelArk;

/// <summary>
/// One attempt of the fake ModelArk (written from ../shared/specs/modelark.md) to POST a task to its
/// <c>callback_url</c>. <see cref="Body"/> is the task object exactly as GET returns it for that status;
/// <see cref="ResponseStatus"/> is the receiver's HTTP status, or null when the attempt timed out or the connection
/// failed (<see cref="Failure"/> says which); <see cref="At"/> is the fake clock's time of the attempt.
/// </summary>
public sealed record FakeArkCallback(string TaskId, string Status, Uri Url, int Attempt, string Body, int? ResponseStatus, string? Failure, DateTimeOffset At)
{
    /// <summary>The receiver answered 2xx, so Ark stops retrying.</summary>
    public bool Acknowledged => ResponseStatus is >= 200 and < 300;

    public JsonObject Json => JsonNode.Parse(Body)!.AsObject();
}
