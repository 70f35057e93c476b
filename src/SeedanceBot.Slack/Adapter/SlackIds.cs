using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;

namespace SeedanceBot.Slack.Adapter;

/// <summary>
/// The documented shapes of Slack's ids. Ids are data: one that does not have its shape (empty, lower case, carrying
/// <c>&lt;</c>, <c>|</c>, a comma from a duplicated form key, a line break) is refused before it reaches Core or a message.
/// </summary>
internal static partial class SlackIds
{
    private const int MaxLength = 64;

    /// <summary>A user (U…, W… in Enterprise Grid) or a bot user (B…).</summary>
    public static bool IsUser([NotNullWhen(true)] string? id) => id is { Length: <= MaxLength } && UserShape().IsMatch(id);

    /// <summary>A workspace (T…) or an Enterprise Grid organisation (E…).</summary>
    public static bool IsTeam([NotNullWhen(true)] string? id) => id is { Length: <= MaxLength } && TeamShape().IsMatch(id);

    /// <summary>A public channel (C…), a private one (G…) or a direct message (D…).</summary>
    public static bool IsChannel([NotNullWhen(true)] string? id) => id is { Length: <= MaxLength } && ChannelShape().IsMatch(id);

    [GeneratedRegex(@"\A[UWB][A-Z0-9]{2,}\z", RegexOptions.CultureInvariant)]
    private static partial Regex UserShape();

    [GeneratedRegex(@"\A[TE][A-Z0-9]{2,}\z", RegexOptions.CultureInvariant)]
    private static partial Regex TeamShape();

    [GeneratedRegex(@"\A[CGD][A-Z0-9]{2,}\z", RegexOptions.CultureInvariant)]
    private static partial Regex ChannelShape();
}
