using System.Globalization;
using System.Text.RegularExpressions;
using SeedanceBot.Core.Quotas;

namespace SeedanceBot.Core.Commands;

/// <summary>
/// Reads /quota the two ways it arrives, into one <see cref="QuotaRequest"/> with the same rules and the same errors:
/// <see cref="ParseText"/> for a line of text (<c>set &lt;user&gt; videos=5</c>) and <see cref="ParseOptions"/> for
/// typed options (the subcommand under <see cref="Subcommand"/>, then <c>user</c>/<c>role</c>, <c>videos</c>,
/// <c>seconds</c>, <c>concurrent</c>, <c>cap_videos</c>, <c>cap_seconds</c>, <c>clear</c>), so typed input is never
/// turned into text and read again. Budgets: <c>budget user|role &lt;id&gt; daily|monthly &lt;amount&gt;|none|clear</c> and
/// <c>budget workspace daily|monthly &lt;amount&gt;|none|clear</c>, typed as <see cref="BudgetScopeOption"/>,
/// <c>user</c>/<c>role</c>, <c>period</c>, <c>amount</c>, <c>none</c>, <c>clear</c> (exactly one of the last three):
/// <c>none</c> is no budget at all for that one, <c>clear</c> goes back to the next level's. An amount is a plain decimal in
/// <c>Pricing:Currency</c> from 0 to <see cref="MaxBudget"/> with at most two decimals (more are refused, not rounded).
/// </summary>
public static partial class QuotaRequestParser
{
    /// <summary>The typed option naming the subcommand (show, set, reset, default, role, top, budget).</summary>
    public const string Subcommand = "action";

    /// <summary>The typed option naming whose budget <c>/quota budget</c> sets (user, role, workspace).</summary>
    public const string BudgetScopeOption = "scope";

    /// <summary>The largest budget an admin can set, in <c>Pricing:Currency</c>.</summary>
    public const decimal MaxBudget = 1_000_000m;

    public const string Usage = "Usage: /quota show <user> | set <user> videos=N seconds=N concurrent=N | set <user> clear | reset <user> | default videos=N seconds=N concurrent=N cap-videos=N cap-seconds=N | role <role> videos=N ... | top | " + BudgetUsage;

    public const string BudgetUsage = "budget user <user> daily|monthly <amount> | budget role <role> daily|monthly <amount> | budget workspace daily|monthly <amount> (instead of the amount: none for no budget at all, clear for the default again)";

    /// <summary>Text: <c>&lt;subcommand&gt; [&lt;user or role&gt;] [name=N ...]</c> or <c>... clear</c>.</summary>
    public static QuotaRequestParse ParseText(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var words = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var action = ActionOf(words.FirstOrDefault());
        if (action == QuotaAction.Budget)
        {
            return BudgetText(words[1..]);
        }

        var target = words.Length > 1 ? Mention(words[1]) : null;
        var assignments = words.Skip(action is QuotaAction.Default or QuotaAction.Top ? 1 : 2).ToList();
        if (action is null || (NeedsTarget(action.Value) && target is null))
        {
            return QuotaRequestParse.Refused(Usage);
        }

        var request = new QuotaRequest(action.Value, NeedsTarget(action.Value) ? target : null);
        if (action is QuotaAction.Set or QuotaAction.Role && assignments is ["clear"])
        {
            return QuotaRequestParse.Of(request with { Clear = true });
        }

        if (action is not (QuotaAction.Set or QuotaAction.Role or QuotaAction.Default))
        {
            return QuotaRequestParse.Of(request);
        }

        var allowCaps = action == QuotaAction.Default;
        if (assignments.Count == 0)
        {
            return QuotaRequestParse.Refused(NothingToSet(allowCaps));
        }

        var values = new List<(string Name, int Value)>();
        foreach (var assignment in assignments)
        {
            var parts = assignment.Split('=', 2);
            if (parts.Length != 2 || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var value))
            {
                return QuotaRequestParse.Refused($"'{assignment}' is not name=number. {Names(allowCaps)}");
            }

            values.Add((parts[0], value));
        }

        return WithLimits(request, values, allowCaps);
    }

    /// <summary>Typed options by name, as Discord gives them (numbers as written, booleans as true/false).</summary>
    public static QuotaRequestParse ParseOptions(IReadOnlyList<KeyValuePair<string, string>> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var action = ActionOf(options.FirstOrDefault(o => o.Key == Subcommand).Value);
        if (action is null)
        {
            return QuotaRequestParse.Refused(Usage);
        }

        if (action == QuotaAction.Budget)
        {
            return BudgetOptions(options);
        }

        var allowCaps = action == QuotaAction.Default;
        string? target = null;
        var clear = false;
        var values = new List<(string Name, int Value)>();
        foreach (var (name, raw) in options.Where(o => o.Key != Subcommand))
        {
            switch (name)
            {
                case "user" or "role" or "target":
                    target = Mention(raw.Trim());
                    break;
                case "clear":
                    clear = raw.Trim().Equals("true", StringComparison.OrdinalIgnoreCase);
                    break;
                default:
                    if (!int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
                    {
                        return QuotaRequestParse.Refused($"'{name}' must be a whole number of 0 or more. {Names(allowCaps)}");
                    }

                    values.Add((name.Replace('_', '-'), value));
                    break;
            }
        }

        if (NeedsTarget(action.Value) && (string.IsNullOrEmpty(target) || target.Any(char.IsWhiteSpace)))
        {
            return QuotaRequestParse.Refused(Usage);
        }

        var request = new QuotaRequest(action.Value, NeedsTarget(action.Value) ? target : null);
        if (action is not (QuotaAction.Set or QuotaAction.Role or QuotaAction.Default))
        {
            return QuotaRequestParse.Of(request);
        }

        if (clear && action is QuotaAction.Set or QuotaAction.Role)
        {
            return values.Count == 0
                ? QuotaRequestParse.Of(request with { Clear = true })
                : QuotaRequestParse.Refused("Either clear the limits or set them, not both at once.");
        }

        return values.Count == 0 ? QuotaRequestParse.Refused(NothingToSet(allowCaps)) : WithLimits(request, values, allowCaps);
    }

    /// <summary>An amount as typed: a plain decimal (no sign, exponent or thousands separator), 0 to <see cref="MaxBudget"/>, at most two decimals.</summary>
    public static bool TryReadAmount(string? raw, out decimal amount, out string error)
    {
        amount = 0;
        var text = raw?.Trim() ?? string.Empty;
        if (text.StartsWith('-'))
        {
            error = $"A budget can't be negative ('{text}'). Use 0 to allow no spending, none for no budget at all, or clear to remove the budget.";
            return false;
        }

        if (!decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
        {
            error = $"'{text}' is not an amount: write a number like 2.50 (in the bot's currency), none or clear.";
            return false;
        }

        if (value > MaxBudget)
        {
            error = string.Create(CultureInfo.InvariantCulture, $"A budget is at most {MaxBudget:0}, not {text}.");
            return false;
        }

        if (value != Math.Round(value, 2))
        {
            error = $"A budget has at most two decimals (cents), not {text}: e.g. 2.50.";
            return false;
        }

        amount = Math.Round(value, 2);
        error = string.Empty;
        return true;
    }

    private static QuotaRequestParse BudgetText(string[] words)
    {
        var scope = ScopeOf(words.FirstOrDefault());
        var rest = words.Skip(1).ToList();
        string? target = null;
        if (scope is BudgetScope.User or BudgetScope.Role && rest.Count > 0)
        {
            target = Mention(rest[0]);
            rest.RemoveAt(0);
        }

        if (scope is null || (scope != BudgetScope.Workspace && target is null) || rest.Count != 2 || PeriodOf(rest[0]) is not { } period)
        {
            return QuotaRequestParse.Refused("Usage: /quota " + BudgetUsage);
        }

        var word = rest[1].ToLowerInvariant();
        return Budget(scope.Value, target, period, word == "clear", word is "none" or "unlimited", rest[1]);
    }

    private static QuotaRequestParse BudgetOptions(IReadOnlyList<KeyValuePair<string, string>> options)
    {
        string? Value(string name) => options.FirstOrDefault(o => o.Key == name).Value?.Trim();
        var scope = ScopeOf(Value(BudgetScopeOption));
        var target = Value("user") ?? Value("role") ?? Value("target");
        var clear = Value("clear")?.Equals("true", StringComparison.OrdinalIgnoreCase) == true;
        var none = Value("none")?.Equals("true", StringComparison.OrdinalIgnoreCase) == true;
        var amount = Value("amount");
        if (scope is null || (scope != BudgetScope.Workspace && string.IsNullOrEmpty(target)) || PeriodOf(Value("period")) is not { } period)
        {
            return QuotaRequestParse.Refused("Usage: /quota " + BudgetUsage);
        }

        switch ((clear ? 1 : 0) + (none ? 1 : 0) + (amount is not null ? 1 : 0))
        {
            case 0:
                return QuotaRequestParse.Refused("Say the amount (e.g. 2.50), none for no budget, or clear the budget.");
            case 3:
                return QuotaRequestParse.Refused("Choose one: an amount, none (no budget at all) or clear (back to the default).");
            case 2:
                return QuotaRequestParse.Refused(amount is null
                    ? "Either clear the budget (back to the default) or set none (no budget at all), not both at once."
                    : $"Either {(clear ? "clear the budget" : "set none")} or set an amount, not both at once.");
        }

        return Budget(scope.Value, target is null ? null : Mention(target), period, clear, none, amount);
    }

    private static QuotaRequestParse Budget(BudgetScope scope, string? target, BudgetPeriod period, bool clear, bool none, string? amount)
    {
        if (scope != BudgetScope.Workspace && (string.IsNullOrEmpty(target) || target.Any(char.IsWhiteSpace)))
        {
            return QuotaRequestParse.Refused("Usage: /quota " + BudgetUsage);
        }

        var request = new QuotaRequest(QuotaAction.Budget, scope == BudgetScope.Workspace ? null : target);
        if (clear)
        {
            return QuotaRequestParse.Of(request with { Budget = new BudgetChange(scope, period, null), Clear = true });
        }

        if (none)
        {
            return QuotaRequestParse.Of(request with { Budget = new BudgetChange(scope, period, null, NoBudget: true) });
        }

        return TryReadAmount(amount, out var value, out var error)
            ? QuotaRequestParse.Of(request with { Budget = new BudgetChange(scope, period, value) })
            : QuotaRequestParse.Refused(error);
    }

    private static BudgetScope? ScopeOf(string? word) => word?.ToLowerInvariant() switch
    {
        "user" => BudgetScope.User,
        "role" => BudgetScope.Role,
        "workspace" or "server" or "team" => BudgetScope.Workspace,
        _ => null,
    };

    private static BudgetPeriod? PeriodOf(string? word) => word?.ToLowerInvariant() switch
    {
        "daily" or "day" => BudgetPeriod.Daily,
        "monthly" or "month" => BudgetPeriod.Monthly,
        _ => null,
    };

    private static QuotaRequestParse WithLimits(QuotaRequest request, IReadOnlyList<(string Name, int Value)> values, bool allowCaps)
    {
        int? videos = null, seconds = null, concurrent = null, capVideos = null, capSeconds = null;
        foreach (var (name, value) in values)
        {
            switch (name.ToLowerInvariant())
            {
                case "videos": videos = value; break;
                case "seconds": seconds = value; break;
                case "concurrent" when value >= 1: concurrent = value; break;
                case "cap-videos" when allowCaps: capVideos = value; break;
                case "cap-seconds" when allowCaps: capSeconds = value; break;
                default:
                    return QuotaRequestParse.Refused($"'{name}' can't be set here (concurrent must be at least 1). {Names(allowCaps)}");
            }
        }

        return QuotaRequestParse.Of(request with { Limits = new QuotaOverride(videos, seconds, concurrent), CapVideos = capVideos, CapSeconds = capSeconds });
    }

    private static QuotaAction? ActionOf(string? word) => word?.ToLowerInvariant() switch
    {
        "show" => QuotaAction.Show,
        "set" => QuotaAction.Set,
        "reset" => QuotaAction.Reset,
        "default" => QuotaAction.Default,
        "role" => QuotaAction.Role,
        "top" => QuotaAction.Top,
        "budget" => QuotaAction.Budget,
        _ => null,
    };

    private static bool NeedsTarget(QuotaAction action) => action is QuotaAction.Show or QuotaAction.Set or QuotaAction.Reset or QuotaAction.Role;

    private static string NothingToSet(bool allowCaps) =>
        "Say what to set, e.g. videos=20 seconds=300 concurrent=3" + (allowCaps ? " cap-videos=200 cap-seconds=3000." : ".");

    private static string Names(bool allowCaps) => $"Names: videos, seconds, concurrent{(allowCaps ? ", cap-videos, cap-seconds" : string.Empty)}.";

    /// <summary>A user or role as typed: a raw id or a mention (Slack <c>&lt;@U123|name&gt;</c>, Discord <c>&lt;@123&gt;</c>, <c>&lt;@&amp;456&gt;</c>).</summary>
    private static string Mention(string word)
    {
        var match = MentionPattern().Match(word);
        return match.Success ? match.Groups["id"].Value : word;
    }

    [GeneratedRegex(@"^<[@#][!&]?(?<id>[A-Za-z0-9]+)(\|[^>]*)?>$")]
    private static partial Regex MentionPattern();
}
