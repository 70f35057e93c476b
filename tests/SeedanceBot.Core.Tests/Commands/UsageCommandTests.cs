using System.Text;
using Microsoft.Extensions.Configuration;
using SeedanceBot.Core.Chat;
using SeedanceBot.Core.Commands;
using SeedanceBot.Core.Jobs;
using SeedanceBot.Core.Quotas;
using SeedanceBot.Core.Usage;
using SeedanceBot.Core.Video;
using SeedanceBot.Testing.Fakes;

namespace SeedanceBot.Core.Tests.Commands;

public sealed class UsageCommandTests
{
    /// <summary>Noon in Berlin on 2026-03-30, the day after the clocks went forward (2026-03-29 is 23 hours long).</summary>
    private static readonly DateTimeOffset Now = new(2026, 3, 30, 10, 0, 0, TimeSpan.Zero);

    private static readonly ChatOrigin Origin = new("discord", "G1", "C1", "T1");

    private readonly InMemoryJobStore _store = new();
    private readonly IUsageChartRenderer _renderer = Substitute.For<IUsageChartRenderer>();
    private int _jobs;

    private UsageCommand Command(IUsageChartRenderer? renderer = null) => new(
        _store,
        new QuotaClock(new FakeTimeProvider(Now), TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin")),
        new AdminPolicy(new ConfigurationBuilder().Build()),
        renderer);

    private static ChatCommand By(bool admin, string text = "") => new(UsageCommand.CommandName, Origin, new ChatUser("A1", "admin", IsPlatformAdmin: admin), text);

    [Fact]
    public async Task Handle_NotAnAdmin_PrivateRefusalAndNoRead()
    {
        var reply = await Command(_renderer).HandleAsync(By(admin: false), CancellationToken.None);

        Assert.True(reply.Message!.Ephemeral);
        Assert.Equal(ChatTone.Error, reply.Message.Tone);
        Assert.Contains("Only admins", reply.Message.Text, StringComparison.Ordinal);
        Assert.Empty(reply.Message.Attachments);
        _renderer.DidNotReceiveWithAnyArgs().RenderPng(null!);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("91")]
    [InlineData("days=-3")]
    [InlineData("99999999999")]
    [InlineData("7 14")]
    [InlineData("color=red")]
    [InlineData("U1 U2")]
    public async Task Handle_BadInput_FriendlyPrivateError(string text)
    {
        var reply = await Command(_renderer).HandleAsync(By(admin: true, text), CancellationToken.None);

        Assert.Equal(ChatTone.Error, reply.Message!.Tone);
        Assert.True(reply.Message.Ephemeral);
        Assert.Contains("/usage", reply.Message.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Handle_DefaultDays_ChartAndCsvOfTheLastThirtyQuotaDays()
    {
        _renderer.RenderPng(Arg.Any<UsageReport>()).Returns([1, 2, 3]);
        await DeliverAsync("U1", "ann", 5, new DateTimeOffset(2026, 3, 30, 9, 0, 0, TimeSpan.Zero));       // today
        await DeliverAsync("U2", "bob", 8, new DateTimeOffset(2026, 3, 28, 23, 30, 0, TimeSpan.Zero));     // 00:30 on the 29th in Berlin
        await DeliverAsync("U2", "bob", 4, new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero));        // 30 days ago: 1 March is day 0
        await DeliverAsync("U3", "cy", 9, new DateTimeOffset(2026, 2, 28, 22, 59, 0, TimeSpan.Zero));      // 28 Feb in Berlin: outside

        var reply = await Command(_renderer).HandleAsync(By(admin: true), CancellationToken.None);

        var message = reply.Message!;
        Assert.True(message.Ephemeral);
        Assert.Equal(["usage-2026-03-30-30d.png", "usage-2026-03-30-30d.csv"], message.Attachments.Select(a => a.FileName));
        Assert.Equal("image/png", message.Attachments[0].ContentType);
        Assert.Equal(
            "date,user_id,user_name,videos,seconds,spend\r\n" +
            "2026-03-01,U2,bob,1,4,\r\n" +
            "2026-03-29,U2,bob,1,8,\r\n" +
            "2026-03-30,U1,ann,1,5,\r\n",
            Encoding.UTF8.GetString(message.Attachments[1].Content.Span));
        Assert.Contains("3 video(s), 17 s", message.Text, StringComparison.Ordinal);
        var report = (UsageReport)_renderer.ReceivedCalls().Single().GetArguments()[0]!;
        Assert.Equal(30, report.Days.Count);
        Assert.Equal(new DateOnly(2026, 3, 1), report.Days[0]);
        Assert.Equal(new DateOnly(2026, 3, 29), report.Days[28]);
    }

    [Fact]
    public async Task Handle_OneUserOverAWeekByTypedOptions_OnlyTheirRows()
    {
        await DeliverAsync("U1", "ann", 5, Now.AddHours(-1));
        await DeliverAsync("U2", "bob", 8, Now.AddHours(-2));
        var command = By(admin: true) with { Options = [new(UsageCommand.DaysOption, "7"), new(UsageCommand.UserOption, "U2")] };

        var reply = await Command().HandleAsync(command, CancellationToken.None);

        var csv = Assert.Single(reply.Message!.Attachments);
        Assert.Equal("usage-2026-03-30-7d.csv", csv.FileName);
        Assert.Equal("date,user_id,user_name,videos,seconds,spend\r\n2026-03-30,U2,bob,1,8,\r\n", Encoding.UTF8.GetString(csv.Content.Span));
    }

    [Theory]
    [InlineData("7 <@U2|bob>")]
    [InlineData("days=7 user=U2")]
    [InlineData("<@U2> 7d")]
    public async Task Handle_TextForms_SameQuery(string text)
    {
        await DeliverAsync("U1", "ann", 5, Now.AddHours(-1));
        await DeliverAsync("U2", "bob", 8, Now.AddDays(-6));
        await DeliverAsync("U2", "bob", 3, Now.AddDays(-8));

        var reply = await Command().HandleAsync(By(admin: true, text), CancellationToken.None);

        var csv = Encoding.UTF8.GetString(Assert.Single(reply.Message!.Attachments).Content.Span);
        Assert.Equal("date,user_id,user_name,videos,seconds,spend\r\n2026-03-24,U2,bob,1,8,\r\n", csv);
    }

    [Fact]
    public async Task Handle_ChartFails_CsvStillSent()
    {
        _renderer.RenderPng(Arg.Any<UsageReport>()).Returns(_ => throw new InvalidOperationException("no surface"));

        var reply = await Command(_renderer).HandleAsync(By(admin: true), CancellationToken.None);

        Assert.Equal("text/csv", Assert.Single(reply.Message!.Attachments).ContentType);
    }

    [Fact]
    public void Build_SevenUsers_TopFiveAndOthers()
    {
        DateOnly[] days = [new(2026, 3, 1), new(2026, 3, 2)];
        UsageDayRow[] rows = [.. Enumerable.Range(1, 7).Select(i => new UsageDayRow(i % 2, "U" + i, i == 3 ? null : "user" + i, 1, i * 10))];

        var report = UsageReport.Build("t", days, rows);

        Assert.Equal(["user7", "user6", "user5", "user4", "U3", UsageReport.OthersLabel], report.Series.Select(s => s.Label));
        Assert.Equal([20, 10], report.Series[^1].Seconds);
        Assert.Equal(report.TotalSeconds, report.Series.Sum(s => s.Seconds.Sum()));
        Assert.False(report.HasSpend);
    }

    [Fact]
    public void Write_HostileNames_QuotedAndNotFormulas()
    {
        var report = UsageReport.Build("t", [new(2026, 3, 1)], [new UsageDayRow(0, "U1", "=HYPERLINK(\"x\"), \"a\"", 1, 5, 1.25m)]);

        Assert.Equal("date,user_id,user_name,videos,seconds,spend\r\n2026-03-01,U1,\"'=HYPERLINK(\"\"x\"\"), \"\"a\"\"\",1,5,1.25\r\n", UsageCsv.Write(report));
    }

    private async Task DeliverAsync(string user, string name, int seconds, DateTimeOffset at)
    {
        var id = "j" + ++_jobs;
        var job = new BotJob
        {
            Id = id,
            Origin = Origin,
            UserId = user,
            UserName = name,
            Request = new VideoRequest { Prompt = "a fox", DurationSeconds = seconds },
            Seconds = seconds,
            CreatedAt = at,
        };
        var check = new QuotaCheck(new QuotaLimits(100, 10_000, 100), null, null, DateTimeOffset.MinValue, DateTimeOffset.MinValue);
        var created = (await _store.TryCreateAsync(job, check, CancellationToken.None)).Job!;
        await _store.TryUpdateAsync(created with { State = JobState.Succeeded }, new UsageEntry(id, Origin.Platform, Origin.WorkspaceId, user, name, seconds, "a fox", at), CancellationToken.None);
    }
}
