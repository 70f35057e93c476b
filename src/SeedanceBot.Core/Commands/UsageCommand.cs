using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using SeedanceBot.Core.Chat;
using SeedanceBot.Core.Quotas;
using SeedanceBot.Core.Usage;

namespace SeedanceBot.Core.Commands;

/// <summary>
/// /usage (admins only, checked here whatever the platform shows): the workspace's delivered videos and seconds per
/// quota day over the last <c>days</c> (1-90, default 30), for everyone or one <c>user</c>, as a chart (PNG, when a
/// renderer is registered) and a CSV of the same numbers. Text: <c>/usage [days] [user]</c>, e.g. <c>/usage 7 @ann</c>
/// or <c>/usage days=7 user=U123</c>; Discord's typed options have the same names.
/// </summary>
public sealed partial class UsageCommand(IUsageHistory history, QuotaClock clock, AdminPolicy admins, IUsageChartRenderer? renderer = null, ILogger<UsageCommand>? logger = null) : ICommandHandler
{
    public const string CommandName = "usage";
    public const string DaysOption = "days";
    public const string UserOption = "user";
    public const int DefaultDays = 30;
    public const int MaxDays = 90;

    public const string Usage = "Usage: /usage [days 1-90, default 30] [user], e.g. /usage 7 or /usage days=14 user=@ann.";

    private readonly ILogger _logger = (ILogger?)logger ?? NullLogger.Instance;

    public string Name => CommandName;

    public async Task<CommandReply> HandleAsync(ChatCommand command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (!admins.IsAdmin(command.Origin.Platform, command.User))
        {
            return CommandReply.Of(ChatMessage.Error("Only admins can see the workspace's usage. Use /balance to see your own."));
        }

        var (days, user, error) = command.Options.Count > 0 ? FromOptions(command.Options) : FromText(command.Text);
        if (error is not null)
        {
            return CommandReply.Of(ChatMessage.Error(error));
        }

        var (dates, bounds) = Days(days);
        var query = new UsageQuery(command.Origin.Platform, command.Origin.WorkspaceId, bounds, user);
        var rows = await history.UsageByDayAsync(query, cancellationToken);
        var who = user is null ? "everyone" : user;
        var title = string.Create(CultureInfo.InvariantCulture, $"Usage {dates[0]:yyyy-MM-dd} to {dates[^1]:yyyy-MM-dd} ({clock.Zone.Id}), {who}");
        var report = UsageReport.Build(title, dates, rows);
        var stem = string.Create(CultureInfo.InvariantCulture, $"usage-{dates[^1]:yyyy-MM-dd}-{days}d");
        List<ChatAttachment> files = [];
        if (renderer is not null)
        {
            try
            {
                files.Add(new ChatAttachment(stem + ".png", "image/png", renderer.RenderPng(report), "Videos and seconds per day"));
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The numbers still go out as CSV; a chart that cannot be drawn is no reason to refuse them.
                Log.UsageChartFailed(_logger, ex);
            }
        }

        files.Add(new ChatAttachment(stem + ".csv", "text/csv", Encoding.UTF8.GetBytes(UsageCsv.Write(report)), "Videos and seconds per day and user"));
        var top = report.Series.Where(s => !s.IsOthers).Select(s => $"{s.Label} {s.Seconds.Sum()} s");
        return CommandReply.Of(new ChatMessage
        {
            Text = string.Create(CultureInfo.InvariantCulture, $"{title}: {report.TotalVideos} video(s), {report.TotalSeconds} s generated.")
                + (report.Series.Count > 0 ? " Top: " + string.Join(", ", top) + "." : " Nothing was generated in these days.")
                + (files.Count > 1 ? " Chart and CSV attached." : " CSV attached."),
            Ephemeral = true,
            Attachments = files,
        });
    }

    /// <summary>The last <paramref name="days"/> quota days up to today, and their n + 1 bounds.</summary>
    private (IReadOnlyList<DateOnly> Dates, IReadOnlyList<DateTimeOffset> Bounds) Days(int days)
    {
        var bounds = new DateTimeOffset[days + 1];
        bounds[days] = clock.NextReset(clock.Now);
        for (var i = days - 1; i >= 0; i--)
        {
            bounds[i] = clock.DayStart(bounds[i + 1].AddTicks(-1));
        }

        var dates = bounds.Take(days).Select(b => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(b, clock.Zone).DateTime)).ToArray();
        return (dates, bounds);
    }

    private static (int Days, string? User, string? Error) FromOptions(IReadOnlyList<KeyValuePair<string, string>> options)
    {
        var days = DefaultDays;
        string? user = null;
        foreach (var (name, value) in options)
        {
            switch (name)
            {
                case DaysOption when !TryDays(value, out days):
                    return (0, null, DaysError(value));
                case UserOption:
                    user = Mention(value.Trim());
                    break;
                case DaysOption:
                    break;
                default:
                    return (0, null, $"/usage has no option {name}. {Usage}");
            }
        }

        return (days, user, null);
    }

    private static (int Days, string? User, string? Error) FromText(string text)
    {
        int? days = null;
        string? user = null;
        foreach (var word in text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var (key, value) = word.IndexOf('=', StringComparison.Ordinal) is var eq and > 0 ? (word[..eq].ToLowerInvariant(), word[(eq + 1)..]) : (null, word);
            var isDays = key == DaysOption || (key is null && value.Length > 0 && char.IsAsciiDigit(value[0]));
            if (key is not null and not DaysOption and not UserOption)
            {
                return (0, null, $"/usage has no option {key}. {Usage}");
            }

            if (isDays)
            {
                if (days is not null || !TryDays(value, out var parsed))
                {
                    return (0, null, days is not null ? $"Give the number of days once. {Usage}" : DaysError(value));
                }

                days = parsed;
            }
            else
            {
                if (user is not null || value.Length == 0)
                {
                    return (0, null, $"Give one user at most. {Usage}");
                }

                user = Mention(value);
            }
        }

        return (days ?? DefaultDays, user, null);
    }

    private static bool TryDays(string value, out int days)
    {
        var digits = value.EndsWith('d') ? value[..^1] : value;
        return int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out days) && days is >= 1 and <= MaxDays;
    }

    private static string DaysError(string value) =>
        string.Create(CultureInfo.InvariantCulture, $"Days must be a whole number from 1 to {MaxDays} (got \"{Shorten(value)}\"). {Usage}");

    private static string Shorten(string value) => value.Length <= 20 ? value : value[..20] + "…";

    /// <summary>A user as typed: a raw id or a mention (Slack <c>&lt;@U123|name&gt;</c>, Discord <c>&lt;@123&gt;</c>).</summary>
    private static string Mention(string word)
    {
        var match = MentionPattern().Match(word);
        return match.Success ? match.Groups["id"].Value : word;
    }

    [GeneratedRegex(@"^<@!?(?<id>[A-Za-z0-9]+)(\|[^>]*)?>$")]
    private static partial Regex MentionPattern();
}
