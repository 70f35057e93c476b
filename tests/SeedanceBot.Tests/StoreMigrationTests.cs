using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using SeedanceBot.Core.Chat;
using SeedanceBot.Core.Jobs;
using SeedanceBot.Core.Media;
using SeedanceBot.Core.Quotas;
using SeedanceBot.Core.Video;
using SeedanceBot.Testing.Postgres;

namespace SeedanceBot.Tests;

/// <summary><c>SeedanceBot migrate --to postgres</c>: a LiteDB file's data, written by the bot itself, is there in PostgreSQL for the bot to use; a second run changes nothing.</summary>
public sealed class StoreMigrationTests(PostgresCluster cluster) : IClassFixture<PostgresCluster>
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Migrate_ToPostgresTwice_CopiesJobsSettingsLedgersAndMediaOnce()
    {
        var connectionString = await cluster.CreateDatabaseAsync(Token);
        var folder = Path.Combine(Path.GetTempPath(), "seedancebot-migrate", Guid.NewGuid().ToString("N"));
        var file = Path.Combine(folder, "bot.db");
        var now = DateTimeOffset.UtcNow;
        var today = now.AddHours(-1);
        var check = new QuotaCheck(new QuotaLimits(10, 100, 5), null, null, today, today);
        var guild = new WorkspaceKey("discord", "G1");
        var form = new PendingForm("discord", "U1", [new("style", "noir"), new("duration", "5")], now.AddHours(1));
        BotJob Job(string id) => new()
        {
            Id = id,
            Origin = new ChatOrigin("discord", "G1", "C1", "T1"),
            UserId = "U1",
            UserName = "ann",
            Request = new VideoRequest { Prompt = "a fox", DurationSeconds = 5 },
            Seconds = 5,
            CreatedAt = now,
        };

        // Every byte value, and an image larger than LiteDB's 255 kB file chunks, so the copy must join the chunks exactly.
        var small = Enumerable.Range(0, 256).Select(i => (byte)i).ToArray();
        var large = new byte[700_001];
        new Random(14).NextBytes(large);
        BotJob delivered;
        string formKey;
        await using (var lite = await BotApplication.BuildAsync(["--Storage:Path=" + file]))
        {
            var jobs = lite.Services.GetRequiredService<IJobStore>();
            var created = (await jobs.TryCreateAsync(Job("done"), check, Token)).Job!;
            delivered = (await jobs.TryUpdateAsync(created with { State = JobState.Succeeded, Charge = ChargeState.Committed, Delivery = DeliveryState.Delivered }, new UsageEntry("done", "discord", "G1", "U1", "ann", 5, "a fox", now), Token))!;
            await jobs.TryCreateAsync(Job("running"), check, Token);
            var settings = lite.Services.GetRequiredService<IQuotaSettingsStore>();
            await settings.SetUserAsync(guild, "U1", new QuotaOverride(DailyVideos: 3), Token);
            await settings.SetRoleAsync(guild, "R1", new QuotaOverride(DailySeconds: 60), Token);
            await settings.SetWorkspaceAsync(guild, new WorkspaceQuota(new QuotaOverride(2, 20, 1), 50), Token);
            await settings.SetUsageResetAsync(guild, "U1", today, Token);
            await lite.Services.GetRequiredService<IInteractionLedger>().TryRecordAsync("discord", "1400000000000000001", now.AddDays(1), Token);
            formKey = await lite.Services.GetRequiredService<IPendingFormStore>().SaveAsync(form, Token);
            var media = lite.Services.GetRequiredService<IMediaStore>();
            await media.SaveAsync("running", "running/firstframe-0", "image/png", small, Token);
            await media.SaveAsync("running", "running/reference-0", "image/webp", large, Token);
            await media.SaveAsync("done", "done/lastframe-0", "image/jpeg", ReadOnlyMemory<byte>.Empty, Token);
        }

        string[] migrate = ["migrate", "--to", "postgres", "--Storage:Path=" + file, "--Storage:ConnectionString=" + connectionString];
        using var first = new StringWriter();
        using var second = new StringWriter();
        var exitCodes = (await StoreMigration.RunAsync(migrate, first, Token), await StoreMigration.RunAsync(migrate, second, Token));

        await using var postgres = await BotApplication.BuildAsync(["--Storage:Provider=Postgres", "--Storage:ConnectionString=" + connectionString]);
        var store = postgres.Services.GetRequiredService<IJobStore>();
        var quota = postgres.Services.GetRequiredService<IQuotaSettingsStore>();
        Assert.Equal((0, 0), exitCodes);
        Assert.Contains("Copied 2 jobs, 1 usage entries, 4 quota settings, 1 taken requests, 1 open forms and 3 stored images", first.ToString(), StringComparison.Ordinal);
        Assert.Equal(first.ToString(), second.ToString());
        Assert.Equal(JsonSerializer.Serialize(delivered), JsonSerializer.Serialize(await store.GetAsync("done", Token)));
        Assert.Equal(["running"], (await store.ListActiveAsync(Token)).Select(j => j.Id));
        Assert.Equal(2, (await store.ListRecentAsync("discord", "G1", "U1", DateTimeOffset.MinValue, 10, Token)).Count);
        Assert.Equal(new QuotaUsage(2, 10, 1), await store.GetUsageAsync("discord", "G1", "U1", today, Token));
        Assert.Equal([new UserUsage("U1", "ann", 1, 5)], await store.TopUsersAsync("discord", "G1", today, 10, Token));
        Assert.Equal(new QuotaOverride(DailyVideos: 3), await quota.GetUserAsync(guild, "U1", Token));
        Assert.Equal([new QuotaOverride(DailySeconds: 60)], await quota.GetRolesAsync(guild, ["R1"], Token));
        Assert.Equal(new WorkspaceQuota(new QuotaOverride(2, 20, 1), 50), await quota.GetWorkspaceAsync(guild, Token));
        Assert.Equal(today, await quota.GetUsageResetAsync(guild, "U1", Token));
        Assert.False(await postgres.Services.GetRequiredService<IInteractionLedger>().TryRecordAsync("discord", "1400000000000000001", now.AddDays(1), Token));
        Assert.Equal(form.Options, (await postgres.Services.GetRequiredService<IPendingFormStore>().GetAsync(formKey, now, Token))!.Options);
        var copied = postgres.Services.GetRequiredService<IMediaStore>();
        var frame = await copied.ReadAsync("running/firstframe-0", Token);
        Assert.Equal(("running", "image/png"), (frame!.JobId, frame.ContentType));
        Assert.Equal(small, frame.Content.ToArray());
        Assert.Equal(large, (await copied.ReadAsync("running/reference-0", Token))!.Content.ToArray());
        var empty = await copied.ReadAsync("done/lastframe-0", Token);
        Assert.Equal(("done", "image/jpeg", 0), (empty!.JobId, empty.ContentType, empty.Content.Length));
        Assert.Equal(2, await copied.DeleteJobAsync("running", Token));
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task Migrate_WithoutATarget_PrintsTheUsage()
    {
        using var output = new StringWriter();

        var exitCode = await StoreMigration.RunAsync(["migrate"], output, Token);

        Assert.Equal(2, exitCode);
        Assert.Contains("Usage: SeedanceBot migrate --to postgres", output.ToString(), StringComparison.Ordinal);
    }
}
