using Microsoft.Extensions.Options;
using SeedanceBot.Core.Chat;
using SeedanceBot.Core.Jobs;
using SeedanceBot.Core.Video;

namespace SeedanceBot.Storage.LiteDb.Tests;

/// <summary>A real LiteDB file in a fresh temp folder, deleted afterwards; reopen it to prove durability.</summary>
internal sealed class TempStore : IDisposable
{
    public static readonly DateTimeOffset T0 = new(2026, 3, 15, 10, 0, 0, TimeSpan.Zero);

    private LiteDbContext _context;

    public LiteDbContext Context => _context;

    public TempStore()
    {
        Folder = Path.Combine(Path.GetTempPath(), "seedancebot-tests", Guid.NewGuid().ToString("N"));
        FilePath = Path.Combine(Folder, "nested", "bot.db");
        _context = Open();
    }

    public string Folder { get; }

    public string FilePath { get; }

    public LiteDbJobStore Jobs { get; private set; } = null!;

    public LiteDbQuotaSettingsStore Settings { get; private set; } = null!;

    public static BotJob Job(string id, string user = "U1", int seconds = 5, DateTimeOffset? createdAt = null, string workspace = "W1") => new()
    {
        Id = id,
        Origin = new ChatOrigin("discord", workspace, "C1", "T1"),
        UserId = user,
        UserName = "name " + user,
        Request = new VideoRequest { Prompt = "a fox", DurationSeconds = seconds },
        Seconds = seconds,
        CreatedAt = createdAt ?? T0,
    };

    public void Reopen()
    {
        _context.Dispose();
        _context = Open();
    }

    public void Dispose()
    {
        _context.Dispose();
        Directory.Delete(Folder, recursive: true);
    }

    private LiteDbContext Open()
    {
        var context = new LiteDbContext(Options.Create(new StorageOptions { Path = FilePath }));
        Jobs = new LiteDbJobStore(context);
        Settings = new LiteDbQuotaSettingsStore(context);
        return context;
    }
}
