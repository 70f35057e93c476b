using System.Globalization;
using System.Text;

namespace SeedanceBot.Core.Usage;

/// <summary>
/// The report's rows as CSV (RFC 4180, UTF-8, CRLF): <c>date,user_id,user_name,videos,seconds,spend</c>, one line per
/// day and user, <c>spend</c> empty while the ledger has no cost. A value a spreadsheet would run as a formula
/// (starting with <c>= + - @</c>, a tab or a carriage return) is prefixed with <c>'</c>.
/// </summary>
public static class UsageCsv
{
    public const string Header = "date,user_id,user_name,videos,seconds,spend";

    public static string Write(UsageReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var csv = new StringBuilder(Header).Append("\r\n");
        foreach (var row in report.Rows.OrderBy(r => r.Day).ThenBy(r => r.UserId, StringComparer.Ordinal))
        {
            csv.Append(report.Days[row.Day].ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)).Append(',')
                .Append(Field(row.UserId)).Append(',')
                .Append(Field(row.UserName ?? string.Empty)).Append(',')
                .Append(row.Videos.ToString(CultureInfo.InvariantCulture)).Append(',')
                .Append(row.Seconds.ToString(CultureInfo.InvariantCulture)).Append(',')
                .Append(row.Spend?.ToString(CultureInfo.InvariantCulture) ?? string.Empty)
                .Append("\r\n");
        }

        return csv.ToString();
    }

    private static string Field(string value)
    {
        if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            value = "'" + value;
        }

        return value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }
}
