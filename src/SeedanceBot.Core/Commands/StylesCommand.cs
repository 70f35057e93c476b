using SeedanceBot.Core.Chat;
using SeedanceBot.Core.Styles;

namespace SeedanceBot.Core.Commands;

/// <summary>/styles: the provider's styles, from the cache (never fetched while the caller waits).</summary>
public sealed class StylesCommand(StylesCache styles) : ICommandHandler
{
    public const string CommandName = "styles";

    public string Name => CommandName;

    public Task<CommandReply> HandleAsync(ChatCommand command, CancellationToken cancellationToken)
    {
        if (!styles.IsKnown)
        {
            return Task.FromResult(CommandReply.Of(ChatMessage.Private("I don't have the video API's list of styles yet; it is on its way. Try /styles again in a minute (meanwhile /video takes any --style and the API says if it knows it).")));
        }

        var list = styles.Current;
        if (list.Count == 0)
        {
            return Task.FromResult(CommandReply.Of(ChatMessage.Private("The video API offers no styles right now.")));
        }

        return Task.FromResult(CommandReply.Of(new ChatMessage
        {
            Text = $"{list.Count} styles. Use one with --style <id>, e.g. /video a fox in the snow --style {list[0].Id}",
            Ephemeral = true,
            Fields = [.. list.Select(s => new ChatField(s.Id, string.IsNullOrWhiteSpace(s.Description) ? s.Name : $"{s.Name}: {s.Description}", Inline: false))],
        }));
    }
}
