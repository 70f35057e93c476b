namespace SeedanceBot.Core.Chat;

/// <summary>How a message should look (colour, icon) where the platform can show it.</summary>
public enum ChatTone
{
    Info,
    Progress,
    Success,
    Warning,
    Error,
}
