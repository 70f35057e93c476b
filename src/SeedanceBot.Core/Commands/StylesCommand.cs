using SeedanceBot.Core.Chat;
using SeedanceBot.Core.Styles;

namespace SeedanceBot.Core.Commands;

/// <summary>/styles: the provider's styles, from the cache.</summary>
public sealed class StylesCommand(StylesCache styles) : ICommandHandler
{
    public const string CommandName = "styles";

    public string Name => CommandName;

    public async Task<CommandReply> HandleAsync(ChatCommand command, CancellationToken cancellationToken)
    {
        var list = await styles.GetAsync(cancellationToken);
        if (list.Count == 0)
        {
            return CommandReply.Of(ChatMessage.Private("The video API offers no styles right now."));
        }

        return CommandReply.Of(new ChatMessage
        {
            Text = $"{list.Count} styles. Use one with --style <id>, e.g. /video a fox in the snow --style {list[0].Id}",
            Ephemeral = true,
            Fields = [.. list.Select(s => new ChatField(s.Id, string.IsNullOrWhiteSpace(s.Description) ? s.Name : $"{s.Name}: {s.Description}", Inline: false))],
        });
    }
}
