using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.WebUtilities;

namespace SeedanceBot.Testing.Slack;

/// <summary>
/// An HTTP request the fake Slack received (Web API call, file upload or response_url post), as it arrived on the
/// wire. <see cref="Method"/> is the HTTP verb; <see cref="ApiMethod"/> names the Web API method when there is one.
/// </summary>
public sealed record FakeSlackRequest(string Method, string Path, string? Authorization, string? ContentType, byte[] Body, DateTimeOffset At, string Query = "")
{
    private const string ApiPrefix = "/api/";

    /// <summary>The Web API method (<c>chat.postMessage</c>) for a request under <c>/api/</c>; null otherwise.</summary>
    public string? ApiMethod => Path.StartsWith(ApiPrefix, StringComparison.Ordinal) ? Path[ApiPrefix.Length..] : null;

    public string BodyText => Encoding.UTF8.GetString(Body);

    public bool IsJson => ContentType?.StartsWith("application/json", StringComparison.OrdinalIgnoreCase) == true;

    public bool IsForm => ContentType?.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase) == true;

    /// <summary>The query string's fields, then a form-encoded body's (which win); empty for a JSON body with no query.</summary>
    public IReadOnlyDictionary<string, string> Form
    {
        get
        {
            var fields = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var (key, value) in QueryHelpers.ParseQuery(Query))
            {
                fields[key] = value.ToString();
            }

            if (IsForm)
            {
                foreach (var (key, value) in QueryHelpers.ParseQuery(BodyText))
                {
                    fields[key] = value.ToString();
                }
            }

            return fields;
        }
    }

    /// <summary>The body as a JSON object when it was sent as JSON and parses as one; null otherwise.</summary>
    public JsonObject? Json
    {
        get
        {
            if (!IsJson)
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
