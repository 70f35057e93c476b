using Microsoft.Extensions.Logging;
using SeedanceBot.Core.Chat;
using SeedanceBot.Core.Video;

namespace SeedanceBot.Core.Commands;

/// <summary>The single entry for every adapter: finds the handler and turns any failure into a friendly, private reply.</summary>
public sealed class CommandRouter(IEnumerable<ICommandHandler> handlers, ILogger<CommandRouter> logger, Diagnostics.BotMetrics metrics)
{
    private readonly Dictionary<string, ICommandHandler> _handlers = handlers.ToDictionary(h => h.Name, StringComparer.OrdinalIgnoreCase);

    public IReadOnlyCollection<string> Names => _handlers.Keys;

    public async Task<CommandReply> HandleAsync(ChatCommand command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var name = command.Name.TrimStart('/');
        if (!_handlers.TryGetValue(name, out var handler))
        {
            return CommandReply.Of(ChatMessage.Error($"I don't know /{name}. Try /help."));
        }

        metrics.CommandHandled(handler.Name, command.Origin.Platform);
        try
        {
            return await handler.HandleAsync(command, cancellationToken);
        }
        catch (VideoProviderException ex)
        {
            return CommandReply.Of(ChatMessage.Error(Jobs.ProviderErrorMessages.ForUser(ex)));
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            Log.CommandFailed(logger, name, command.Origin.Platform, ex);
            return CommandReply.Of(ChatMessage.Error("Something went wrong on my side; please try again. If it keeps happening, tell an admin."));
        }
    }
}
