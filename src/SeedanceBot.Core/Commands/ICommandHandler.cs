using SeedanceBot.Core.Chat;

namespace SeedanceBot.Core.Commands;

/// <summary>One slash command. Handlers are small; adapters only translate.</summary>
public interface ICommandHandler
{
    string Name { get; }

    Task<CommandReply> HandleAsync(ChatCommand command, CancellationToken cancellationToken);
}
