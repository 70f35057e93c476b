using SeedanceBot.Core.Jobs;

namespace SeedanceBot.Core.Tests.Commands;

/// <summary>Money end to end in Core: the estimate in the queued status, a budget refusal before any API call, /balance.</summary>
public sealed class MoneyCommandTests
{
    [Fact]
    public async Task Video_UnderBudget_QueuedStatusShowsTheEstimate()
    {
        using var h = new CoreHarness();

        var reply = await h.SendAsync("video", "a fox --duration 5");
        var job = h.Store.All.Single(j => j.Id == reply.JobId);

        Assert.Equal(0.75m, job.EstimatedCost); // Seedance v2: 5 s × $0.15
        Assert.Contains("Estimated cost: about $0.75.", JobMessages.Status(job, h.Time.GetUtcNow()).Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Video_OverTheDailyBudget_RefusedWithTheNumbersBeforeAnyApiCall()
    {
        using var h = new CoreHarness(new() { ["Quotas:DailyBudget"] = "1.00" });

        var first = await h.SendAsync("video", "a fox --duration 5");
        var second = await h.SendAsync("video", "a fox --duration 3");

        Assert.NotNull(first.JobId);
        Assert.Null(second.JobId);
        Assert.StartsWith("This video would cost about $0.45; your daily budget is $1.00 and $0.75 is spent or reserved today.", second.Message!.Text, StringComparison.Ordinal);
        Assert.Single(h.Store.All);
    }

    [Fact]
    public async Task Balance_AfterAVideo_ShowsSpendTodayAndThisMonth_AdminsSeeTheWorkspace()
    {
        using var h = new CoreHarness(new() { ["Quotas:MonthlyBudget"] = "20" });
        await h.SendAsync("video", "a fox --duration 4", user: "U2");
        await h.SendAsync("video", "a fox --duration 5");

        var mine = (await h.SendAsync("balance", string.Empty)).Message!;
        var admin = (await h.SendAsync("balance", string.Empty, user: "A1", admin: true)).Message!;

        Assert.Contains(mine.Fields, f => f.Label == "Spent today" && f.Value == "$0.75 of no budget");
        Assert.Contains(mine.Fields, f => f.Label == "Spent this month" && f.Value == "$0.75 of $20.00");
        Assert.DoesNotContain(mine.Fields, f => f.Label.StartsWith("Workspace", StringComparison.Ordinal));
        Assert.Contains(admin.Fields, f => f.Label == "Workspace spent today" && f.Value == "$1.35 of no budget");
    }
}
