using SeedanceBot.Core.Chat;
using SeedanceBot.Core.Jobs;
using SeedanceBot.Core.Quotas;
using SeedanceBot.Core.Video;

namespace SeedanceBot.Core.Tests.Quotas;

/// <summary>What a job just stored adds to counts read before it: the same predicates the stores count with, applied to one job.</summary>
public sealed class QuotaRuleWithTests
{
    private static readonly CountedUsage Before = new(new QuotaUsage(2, 10, 1), 5, 40, new MoneySpent(1.00m, 3.00m, 10.00m, 30.00m));

    public static TheoryData<string, ChargeState, bool, bool, CountedUsage> Cases => new()
    {
        // name, charge of the new job, same user, same workspace, expected counts
        { "reserved: user and workspace", ChargeState.Reserved, true, true, new(new QuotaUsage(3, 16, 2), 6, 46, new MoneySpent(1.25m, 3.25m, 10.25m, 30.25m)) },
        { "reserved, another user of the workspace", ChargeState.Reserved, false, true, new(new QuotaUsage(2, 10, 1), 6, 46, new MoneySpent(1.00m, 3.00m, 10.25m, 30.25m)) },
        { "reserved, the same user's other workspace row", ChargeState.Reserved, true, false, new(new QuotaUsage(3, 16, 2), 5, 40, new MoneySpent(1.25m, 3.25m, 10.00m, 30.00m)) },
        { "exempt admin: a slot and the workspace, not the user's day", ChargeState.Exempt, true, true, new(new QuotaUsage(2, 10, 2), 6, 46, new MoneySpent(1.00m, 3.00m, 10.25m, 30.25m)) },
        { "neither", ChargeState.Reserved, false, false, Before },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void With_AJobJustStored_AddsWhatItCountsFor(string name, ChargeState charge, bool sameUser, bool sameWorkspace, CountedUsage expected)
    {
        var stored = new BotJob
        {
            Id = "J1",
            Origin = new ChatOrigin("discord", "W1", "C1"),
            UserId = "U1",
            Request = new VideoRequest { Prompt = "a fox", DurationSeconds = 6 },
            Seconds = 6,
            Charge = charge,
            EstimatedCost = 0.25m,
            CreatedAt = DateTimeOffset.UnixEpoch,
        };

        Assert.True(expected == QuotaRule.With(Before, stored, sameUser, sameWorkspace), name);
    }

    [Fact]
    public void With_NoMoneyCounted_StaysWithoutMoney()
    {
        var stored = new BotJob { Id = "J1", Origin = new ChatOrigin("discord", "W1", "C1"), UserId = "U1", Request = new VideoRequest { Prompt = "a fox" }, Seconds = 5, Charge = ChargeState.Reserved, CreatedAt = DateTimeOffset.UnixEpoch };

        Assert.Null(QuotaRule.With(Before with { Money = null }, stored, sameUser: true, sameWorkspace: true).Money);
    }
}
