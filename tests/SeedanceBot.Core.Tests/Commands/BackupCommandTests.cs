using Microsoft.Extensions.Configuration;
using SeedanceBot.Core.Backups;
using SeedanceBot.Core.Chat;
using SeedanceBot.Core.Commands;

namespace SeedanceBot.Core.Tests.Commands;

public sealed class BackupCommandTests
{
    private static readonly ChatCommand ByAdmin = new(BackupCommand.CommandName, new ChatOrigin("discord", "G1", "C1", "T1"), new ChatUser("U1", IsPlatformAdmin: true));

    private static BackupCommand Command(StoreBackup written)
    {
        var backup = Substitute.For<IStoreBackup>();
        backup.BackupAsync(Arg.Any<CancellationToken>()).Returns(written);
        return new BackupCommand(new AdminPolicy(new ConfigurationBuilder().Build()), backup);
    }

    [Fact]
    public async Task Handle_AStoreThatGivesAdvice_AnswersWithTheAdviceOnlyToTheAdmin()
    {
        var reply = await Command(new StoreBackup(string.Empty, 0, 0) { Advice = "Back it up with pg_dump ..." }).HandleAsync(ByAdmin, CancellationToken.None);

        var message = reply.Message!;
        Assert.Equal("Back it up with pg_dump ...", message.Text);
        Assert.True(message.Ephemeral);
    }

    [Fact]
    public async Task Handle_AFileWritten_SaysWhereAndHowBig()
    {
        var reply = await Command(new StoreBackup("/data/backups/bot-1.db", 2048, 1)).HandleAsync(ByAdmin, CancellationToken.None);

        Assert.StartsWith("Backup written: /data/backups/bot-1.db (2 KiB); 1 older backup(s) removed.", reply.Message!.Text, StringComparison.Ordinal);
    }
}
