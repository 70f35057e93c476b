namespace SeedanceBot.Slack.Adapter;

/// <summary>
/// Slack's documented Block Kit and message limits (Slack's reference pages, as typed in <c>@slack/types</c>), in one
/// place: the renderer splits and pages to stay inside them rather than cutting content.
/// </summary>
internal static class SlackLimits
{
    public const int MessageBlocks = 50;
    public const int ViewBlocks = 100;
    public const int SectionText = 3000;
    public const int SectionFields = 10;
    public const int FieldText = 2000;
    public const int HeaderText = 150;
    public const int ButtonText = 75;
    public const int ButtonValue = 2000;
    public const int ActionId = 255;
    public const int BlockId = 255;
    public const int ActionsElements = 25;
    public const int ContextElements = 10;
    public const int ViewTitle = 24;
    public const int MessageText = 40_000;
    public const int SelectOptions = 100;
    public const int OptionText = 75;
    public const int OptionValue = 150;
    public const int PrivateMetadata = 3000;

    /// <summary>
    /// Not a documented limit: Slack has answered <c>msg_blocks_too_long</c> at about 13,200 characters of block text
    /// (slackapi/bolt-js#2509), so a message's blocks stay under this and longer content goes on to the next message.
    /// </summary>
    public const int MessageBlockTextBudget = 12_000;

    /// <summary>A response_url takes five posts: an answer is at most this many messages.</summary>
    public const int MaxAnswerMessages = 5;
}
