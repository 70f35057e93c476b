using System.Text.Json;
using System.Text.Json.Nodes;

namespace SeedanceBot.Testing.ModelArk;

/// <summary>
/// A request the fake ModelArk (written from ../shared/specs/modelark.md) received, as it arrived on the wire.
/// <see cref="Path"/> is below <see cref="FakeModelArk.BaseUrl"/> for API calls (<c>/contents/generations/tasks/cgt-…</c>)
/// and <c>/tos/…</c> for downloads of a presigned result URL; <see cref="Query"/> keeps its leading <c>?</c>;
/// <see cref="At"/> is the fake clock's time.
/// </summary>
public sealed record FakeArkRequest(string Method, string Path, string Query, string? Authorization, string Body, DateTimeOffset At)
{
    /// <summary>The body as a JSON object when it parses as one; null otherwise.</summary>
    public JsonObject? Json
    {
        get
        {
            if (string.IsNullOrEmpty(Body))
            {
                return null;
            }

            try
            {
                return JsonNode.Parse(Body) as JsonObject;
            }
            catch (JsonException)
            {
                return null;
            }
        }
    }
}
