namespace SeedanceBot.Discord.Adapter;

/// <summary>
/// Discord's documented limits on what the bot sends, in one place: messages (content, embeds, components) and modals.
/// <see cref="DiscordMessages"/> splits into several messages rather than cut; nothing else may exceed these.
/// </summary>
internal static class DiscordLimits
{
    public const int Content = 2000;
    public const int EmbedsPerMessage = 10;

    /// <summary>Files uploaded with one message.</summary>
    public const int FilesPerMessage = 10;

    /// <summary>Characters across every embed of one message: titles, descriptions, field names and values, footers.</summary>
    public const int EmbedCharacters = 6000;

    public const int EmbedTitle = 256;
    public const int EmbedDescription = 4096;
    public const int FieldsPerEmbed = 25;
    public const int FieldName = 256;
    public const int FieldValue = 1024;
    public const int FooterText = 2048;
    public const int ActionRows = 5;
    public const int ButtonsPerRow = 5;
    public const int CustomId = 100;
    public const int ButtonLabel = 80;
    public const int ModalTitle = 45;
    public const int ModalComponents = 5;
    public const int LabelText = 45;
    public const int LabelDescription = 100;
    public const int TextInputValue = 4000;
    public const int AutocompleteChoices = 25;
    public const int ChoiceName = 100;
}
