namespace SeedanceBot.Core.Commands;

/// <summary>What a /quota request does (its subcommand).</summary>
public enum QuotaAction
{
    Show,
    Set,
    Reset,
    Default,
    Role,
    Top,

    /// <summary>Sets or clears a member's, a role's or the workspace's daily or monthly money budget.</summary>
    Budget,
}
