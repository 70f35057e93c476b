using SeedanceBot.Core.Jobs;
using SeedanceBot.Core.Quotas;

namespace SeedanceBot.Core.Tests.Quotas;

/// <summary>The quota rule, table by table: each user limit, each workspace cap, exempt admins, and which jobs count.</summary>
public sealed class QuotaRuleTests
{
    private static readonly DateTimeOffset Day = new(2026, 3, 15, 0, 0, 0, TimeSpan.Zero);

    private static readonly QuotaLimits Limits = new(DailyVideos: 3, DailySeconds: 20, MaxConcurrentJobs: 2);

    public static TheoryData<string, int, int, int, int, int, int?, int?, bool, QuotaRefusal?> Cases => new()
    {
        // name, videos, seconds, running, workspace videos, workspace seconds, workspace video cap, seconds cap, exempt, expected
        { "nothing used", 0, 0, 0, 0, 0, null, null, false, null },
        { "last video of the day", 2, 10, 1, 2, 10, null, null, false, null },
        { "daily videos used up", 3, 10, 0, 3, 10, null, null, false, QuotaRefusal.DailyVideos },
        { "seconds exactly fit", 1, 15, 0, 1, 15, null, null, false, null },
        { "one second too many", 1, 16, 0, 1, 16, null, null, false, QuotaRefusal.DailySeconds },
        { "concurrent slots full", 0, 0, 2, 0, 0, null, null, false, QuotaRefusal.ConcurrentJobs },
        { "concurrent is checked first", 3, 20, 2, 3, 20, 3, 20, false, QuotaRefusal.ConcurrentJobs },
        { "videos before seconds", 3, 20, 0, 3, 20, null, null, false, QuotaRefusal.DailyVideos },
        { "user limits before workspace caps", 3, 0, 0, 9, 0, 9, null, false, QuotaRefusal.DailyVideos },
        { "workspace videos cap reached", 0, 0, 0, 9, 0, 9, null, false, QuotaRefusal.WorkspaceDailyVideos },
        { "workspace videos cap not yet", 0, 0, 0, 8, 0, 9, null, false, null },
        { "workspace seconds cap exactly fits", 0, 0, 0, 1, 95, null, 100, false, null },
        { "workspace seconds cap broken", 0, 0, 0, 1, 96, null, 100, false, QuotaRefusal.WorkspaceDailySeconds },
        { "workspace videos before seconds", 0, 0, 0, 9, 100, 9, 100, false, QuotaRefusal.WorkspaceDailyVideos },
        { "zero cap refuses all", 0, 0, 0, 0, 0, 0, null, false, QuotaRefusal.WorkspaceDailyVideos },
        { "exempt: user limits do not apply", 50, 5000, 9, 50, 5000, null, null, true, null },
        { "exempt: workspace videos cap applies", 50, 5000, 9, 9, 0, 9, null, true, QuotaRefusal.WorkspaceDailyVideos },
        { "exempt: workspace seconds cap applies", 0, 0, 0, 0, 96, null, 100, true, QuotaRefusal.WorkspaceDailySeconds },
        { "huge usage does not overflow", int.MaxValue, int.MaxValue, 0, int.MaxValue, int.MaxValue, int.MaxValue, int.MaxValue, true, QuotaRefusal.WorkspaceDailyVideos },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Decide_CountedUsage_RefusesTheFirstLimitBroken(string name, int videos, int seconds, int running, int workspaceVideos, int workspaceSeconds, int? videosCap, int? secondsCap, bool exempt, QuotaRefusal? expected)
    {
        var check = new QuotaCheck(exempt ? null : Limits, videosCap, secondsCap, Day, Day);

        var refusal = QuotaRule.Decide(check, new CountedUsage(new QuotaUsage(videos, seconds, running), workspaceVideos, workspaceSeconds), seconds: 5);

        Assert.True(expected == refusal, $"{name}: expected {expected?.ToString() ?? "none"}, got {refusal?.ToString() ?? "none"}");
    }

    public static TheoryData<ChargeState, JobState, bool, bool> Counting => new()
    {
        // charge, state, counts for the user, counts for the workspace
        { ChargeState.Reserved, JobState.Queued, true, true },
        { ChargeState.Reserved, JobState.Running, true, true },
        { ChargeState.Committed, JobState.Succeeded, true, true },
        { ChargeState.Released, JobState.Failed, false, false },
        { ChargeState.Exempt, JobState.Queued, false, true },
        { ChargeState.Exempt, JobState.Submitting, false, true },
        { ChargeState.Exempt, JobState.Running, false, true },
        { ChargeState.Exempt, JobState.Succeeded, false, true },
        { ChargeState.Exempt, JobState.Failed, false, false },
    };

    [Theory]
    [MemberData(nameof(Counting))]
    public void Counts_ChargeAndState_SayWhatCountsForUserAndWorkspace(ChargeState charge, JobState state, bool user, bool workspace)
    {
        Assert.Equal(user, QuotaRule.CountsForUser(charge));
        Assert.Equal(workspace, QuotaRule.CountsForWorkspace(charge, state));
    }

    [Theory]
    [InlineData(JobState.Queued, true)]
    [InlineData(JobState.Submitting, true)]
    [InlineData(JobState.Running, true)]
    [InlineData(JobState.Succeeded, false)]
    [InlineData(JobState.Failed, false)]
    public void IsRunning_State_HoldsAConcurrentSlotUntilFinished(JobState state, bool running) =>
        Assert.Equal(running, QuotaRule.IsRunning(state));

    [Fact]
    public void ChargeFor_ExemptOrLimitedCheck_IsExemptOrReserved()
    {
        Assert.Equal(ChargeState.Exempt, QuotaRule.ChargeFor(new QuotaCheck(null, 5, null, Day, Day)));
        Assert.Equal(ChargeState.Reserved, QuotaRule.ChargeFor(new QuotaCheck(Limits, null, null, Day, Day)));
    }

    [Theory]
    [InlineData(null, null, false)]
    [InlineData(5, null, true)]
    [InlineData(null, 0, true)]
    public void HasWorkspaceCap_Caps_TellsWhetherToCountTheWorkspace(int? videos, int? seconds, bool expected) =>
        Assert.Equal(expected, QuotaRule.HasWorkspaceCap(new QuotaCheck(Limits, videos, seconds, Day, Day)));
}
