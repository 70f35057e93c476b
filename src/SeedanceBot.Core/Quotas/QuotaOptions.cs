using System.ComponentModel.DataAnnotations;

namespace SeedanceBot.Core.Quotas;

/// <summary>The <c>Quotas</c> section: global defaults. Per-workspace and per-user values set by /quota live in the store.</summary>
public sealed class QuotaOptions
{
    public const string SectionName = "Quotas";

    [Range(0, 100_000)]
    public int DailyVideos { get; set; } = 10;

    [Range(0, 10_000_000)]
    public int DailySeconds { get; set; } = 120;

    [Range(1, 1_000)]
    public int MaxConcurrentJobs { get; set; } = 2;

    /// <summary>IANA or Windows id of the zone whose midnight resets the daily quotas.</summary>
    [Required]
    public string TimeZone { get; set; } = "UTC";

    /// <summary>When true, admins are not limited by user quotas (workspace caps still apply).</summary>
    public bool ExemptAdmins { get; set; }

    /// <summary>A cap for each whole workspace per day, unless /quota sets one; null for none.</summary>
    [Range(0, 1_000_000)]
    public int? WorkspaceDailyVideos { get; set; }

    [Range(0, 100_000_000)]
    public int? WorkspaceDailySeconds { get; set; }

    /// <summary>Each member's money budget per quota day, in <c>Pricing:Currency</c>, unless /quota budget sets one; null for none.</summary>
    public decimal? DailyBudget { get; set; }

    /// <summary>Each member's money budget per calendar month of the quota time zone; null for none.</summary>
    public decimal? MonthlyBudget { get; set; }

    /// <summary>The whole workspace's money budget per quota day; null for none.</summary>
    public decimal? WorkspaceDailyBudget { get; set; }

    /// <summary>The whole workspace's money budget per month; null for none.</summary>
    public decimal? WorkspaceMonthlyBudget { get; set; }

    public QuotaLimits Defaults => new(DailyVideos, DailySeconds, MaxConcurrentJobs, DailyBudget, MonthlyBudget);
}
