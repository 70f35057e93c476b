using System.Text.RegularExpressions;

namespace SeedanceBot.Discord.Rest;

/// <summary>
/// The rate-limit identity of a request. Discord buckets by route and "major parameter" (channel, guild, webhook id +
/// token): ids in other positions are folded into <c>{id}</c>, so <c>PATCH /channels/1/messages/2</c> and
/// <c>PATCH /channels/1/messages/3</c> share a bucket and another channel does not. <see cref="Key"/> is the route
/// without its major parameter (what Discord's bucket hash is shared across); the bucket itself is hash + major.
/// </summary>
internal sealed partial record DiscordRoute(HttpMethod Method, string Path, string Key, string MajorParameter, bool IsInteraction)
{
    public static DiscordRoute For(HttpMethod method, string path)
    {
        ArgumentNullException.ThrowIfNull(method);
        var bare = path.Split('?', 2)[0].Trim('/');
        var segments = bare.Split('/');
        var major = string.Empty;
        var template = new string[segments.Length];
        for (var i = 0; i < segments.Length; i++)
        {
            var previous = i > 0 ? segments[i - 1] : null;
            if (i == 1 && previous is "channels" or "guilds" or "webhooks")
            {
                major = segments[i];
                template[i] = "{major}";
            }
            else if (i == 2 && segments[0] == "webhooks")
            {
                // The webhook token is part of the major parameter: every interaction token is its own bucket.
                major += "/" + segments[i];
                template[i] = "{token}";
            }
            else if (segments[0] == "interactions" && i is 1 or 2)
            {
                // Each interaction's callback is its own bucket: one slow answer never holds up another.
                major += "/" + segments[i];
                template[i] = i == 1 ? "{id}" : "{token}";
            }
            else
            {
                template[i] = Snowflake().IsMatch(segments[i]) ? "{id}" : segments[i];
            }
        }

        var isInteraction = segments[0] is "interactions" || (segments[0] == "webhooks" && segments.Length > 2);
        return new DiscordRoute(method, path, method.Method + " /" + string.Join('/', template), major, isInteraction);
    }

    [GeneratedRegex("^[0-9]{15,21}$")]
    private static partial Regex Snowflake();
}
