using SeedanceBot.Core.Quotas;

namespace SeedanceBot.Core.Commands;

/// <summary>
/// A /quota request once read, whether it came as text (Slack, the playground) or as typed options (Discord): the
/// subcommand, the user or role it is about (an id), and the limits to set (null fields stay as they are).
/// </summary>
public sealed record QuotaRequest(QuotaAction Action, string? Target = null)
{
    public QuotaOverride Limits { get; init; } = new();

    /// <summary>The whole workspace's videos per day (<see cref="QuotaAction.Default"/> only).</summary>
    public int? CapVideos { get; init; }

    /// <summary>The whole workspace's seconds per day (<see cref="QuotaAction.Default"/> only).</summary>
    public int? CapSeconds { get; init; }

    /// <summary>Removes the user's or role's own limits (<see cref="QuotaAction.Set"/>, <see cref="QuotaAction.Role"/>).</summary>
    public bool Clear { get; init; }

    /// <summary>The money budget to set or clear (<see cref="QuotaAction.Budget"/> only).</summary>
    public BudgetChange? Budget { get; init; }
}
