using System.Globalization;
using SeedanceBot.Core.Backups;
using SeedanceBot.Core.Chat;

namespace SeedanceBot.Core.Commands;

/// <summary>/backup (admins only): a consistent copy of the store next to it, to copy off the volume.</summary>
public sealed class BackupCommand(AdminPolicy admins, IStoreBackup? backup = null) : ICommandHandler
{
    public const string CommandName = "backup";

    public string Name => CommandName;

    public async Task<CommandReply> HandleAsync(ChatCommand command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (!admins.IsAdmin(command.Origin.Platform, command.User))
        {
            return CommandReply.Of(ChatMessage.Error("Only admins can back up the bot's data."));
        }

        if (backup is null)
        {
            return CommandReply.Of(ChatMessage.Error("This bot's store cannot be backed up from chat."));
        }

        var written = await backup.BackupAsync(cancellationToken);
        if (written.Advice is { } advice)
        {
            return CommandReply.Of(ChatMessage.Private(advice));
        }

        var size = string.Create(CultureInfo.InvariantCulture, $"{written.Bytes / 1024.0:0.#} KiB");
        return CommandReply.Of(ChatMessage.Private(
            $"Backup written: {written.Path} ({size}){(written.Removed > 0 ? $"; {written.Removed} older backup(s) removed" : string.Empty)}. Copy it off the volume to keep it safe."));
    }
}
