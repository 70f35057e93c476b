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
}
