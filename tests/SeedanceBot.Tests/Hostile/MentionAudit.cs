using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.WebUtilities;
using SeedanceBot.Testing.Discord;
using SeedanceBot.Testing.Slack;

namespace SeedanceBot.Tests.Hostile;

/// <summary>
/// Reads everything the bot sent to a platform (every string inside every body, JSON, form or multipart) and names
/// each place that would ping more than the one requester: Slack's special mentions and user groups, a mention of an
/// id that is not a user id, and Discord messages whose <c>allowed_mentions</c> would let @everyone or a role through.
/// </summary>
internal static partial class MentionAudit
{
    public static IEnumerable<string> Slack(FakeSlack slack, IEnumerable<(string Where, string Body)> answers)
    {
        var bodies = slack.Requests.Select(r => ($"{r.Method} {r.Path}", r.ContentType, r.Body))
            .Concat(answers.Select(a => (a.Where, (string?)"application/json", Encoding.UTF8.GetBytes(a.Body))));
        foreach (var (where, contentType, body) in bodies)
        {
            foreach (var text in StringsOf(contentType, body))
            {
                if (SlackMassMention().Match(text) is { Success: true } mass)
                {
                    yield return $"{where}: Slack mass mention '{mass.Value}' in \"{Excerpt(text)}\"";
                }

                foreach (Match mention in SlackUserMention().Matches(text))
                {
                    if (!SlackUserId().IsMatch(mention.Groups["id"].Value))
                    {
                        yield return $"{where}: mention of a non-user id '{mention.Value}' in \"{Excerpt(text)}\"";
                    }
                }
            }
        }
    }

    public static IEnumerable<string> Discord(FakeDiscord discord, IEnumerable<(string Where, string Body)> answers)
    {
        var bodies = discord.Requests.Where(r => r.Method is "POST" or "PATCH")
            .Select(r => ($"{r.Method} {r.Path}", PayloadOf(r)))
            .Concat(answers.Select(a => (a.Where, Parse(a.Body)?["data"] as JsonObject)));
        foreach (var (where, payload) in bodies)
        {
            if (payload is null || (payload["content"] is null && payload["embeds"] is null))
            {
                continue;
            }

            if (payload["allowed_mentions"] is not JsonObject allowed)
            {
                yield return $"{where}: a message without allowed_mentions";
                continue;
            }

            var parse = allowed["parse"]?.AsArray().Select(p => (string?)p).ToList() ?? [];
            if (parse.Contains("everyone") || parse.Contains("roles") || allowed["roles"] is JsonArray { Count: > 0 } || (allowed["users"] as JsonArray)?.Count > 1)
            {
                yield return $"{where}: allowed_mentions lets more than the requester through: {allowed.ToJsonString()}";
            }
        }
    }

    private static JsonObject? PayloadOf(FakeDiscordRequest request)
    {
        var payload = request.ContentType?.StartsWith("multipart/", StringComparison.OrdinalIgnoreCase) == true
            ? FakeMultipart.Parse(request.ContentType, request.Body).FirstOrDefault(p => p.Name == "payload_json") is { } json ? Parse(json.Text) as JsonObject : null
            : Parse(request.BodyText) as JsonObject;

        // An interaction callback carries its message under "data".
        return payload?["type"] is not null && payload["data"] is JsonObject data ? data : payload;
    }

    private static bool IsText(string contentType) =>
        contentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase)
        || contentType.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase)
        || contentType.StartsWith("text/", StringComparison.OrdinalIgnoreCase);

    private static IEnumerable<string> StringsOf(string? contentType, byte[] body)
    {
        if (contentType is not null && !IsText(contentType))
        {
            // The video bytes of an upload: nothing there is read as text by anyone.
            yield break;
        }

        var text = Encoding.UTF8.GetString(body);
        if (contentType?.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase) == true)
        {
            foreach (var (_, values) in QueryHelpers.ParseQuery(text))
            {
                foreach (var value in values)
                {
                    foreach (var inner in Parse(value ?? string.Empty) is { } node ? Walk(node) : [value ?? string.Empty])
                    {
                        yield return inner;
                    }
                }
            }

            yield break;
        }

        foreach (var inner in Parse(text) is { } json ? Walk(json) : [text])
        {
            yield return inner;
        }
    }

    private static IEnumerable<string> Walk(JsonNode node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var child in obj.Select(p => p.Value).OfType<JsonNode>().SelectMany(Walk))
                {
                    yield return child;
                }

                break;
            case JsonArray array:
                foreach (var child in array.OfType<JsonNode>().SelectMany(Walk))
                {
                    yield return child;
                }

                break;
            case JsonValue value when value.GetValueKind() == JsonValueKind.String:
                yield return value.GetValue<string>();
                break;
        }
    }

    private static JsonNode? Parse(string text)
    {
        try
        {
            return text.Length == 0 ? null : JsonNode.Parse(text);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string Excerpt(string text) => text.Length <= 120 ? text : text[..120] + "…";

    [GeneratedRegex(@"<!(channel|here|everyone|subteam\^)[^>]*>", RegexOptions.IgnoreCase | RegexOptions.NonBacktracking)]
    private static partial Regex SlackMassMention();

    [GeneratedRegex(@"<@(?<id>[^>|]*)(\|[^>]*)?>", RegexOptions.NonBacktracking)]
    private static partial Regex SlackUserMention();

    [GeneratedRegex(@"^[UW][A-Z0-9]{2,}$")]
    private static partial Regex SlackUserId();
}
