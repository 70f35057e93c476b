using SeedanceBot.Core.Chat;
using SeedanceBot.Core.Jobs;
using SeedanceBot.Core.Video;

namespace SeedanceBot.Core.Tests.Jobs;

public sealed class PollScheduleTests
{
    private static readonly DateTimeOffset Submitted = new(2026, 3, 15, 10, 0, 0, TimeSpan.Zero);

    // Defaults: expected = 30 s + 10 s per video second, so a 5 s video is expected after 80 s.
    [Theory]
    [InlineData(5, 79, 0, CallPriority.Background)] // not yet expected: an early poll waits behind submissions
    [InlineData(5, 80, 0, CallPriority.Overdue)] // at the expected finish: it most likely delivers, so it goes first
    [InlineData(5, 400, 0, CallPriority.Overdue)]
    [InlineData(5, 120, 2, CallPriority.Overdue)] // still running at a later, estimated finish
    [InlineData(5, 600, PollSchedule.OverduePolls, CallPriority.Background)] // late again and again: no longer ahead of the queue
    [InlineData(15, 179, 0, CallPriority.Background)]
    [InlineData(15, 180, 0, CallPriority.Overdue)]
    public void PriorityOf_TimeSinceSubmissionAndPolls_OverdueOnlyPastTheExpectedFinishForTheFirstFewPolls(int videoSeconds, int secondsSinceSubmission, int polls, CallPriority expected)
    {
        var schedule = new PollSchedule(new JobOptions(), new Random(1));
        var job = Job(videoSeconds) with { State = JobState.Running, SubmittedAt = Submitted, Polls = polls };

        Assert.Equal(expected, schedule.PriorityOf(job, Submitted.AddSeconds(secondsSinceSubmission)));
    }

    [Fact]
    public void PriorityOf_NotSubmitted_Background()
    {
        var schedule = new PollSchedule(new JobOptions(), new Random(1));

        Assert.Equal(CallPriority.Background, schedule.PriorityOf(Job(5), Submitted.AddHours(1)));
    }

    [Fact]
    public void PriorityOf_OrderAtTheRateLimit_OverduePollThenSubmissionThenEarlyPoll()
    {
        // The gate serves the higher value first; submissions go out at Normal.
        Assert.True(CallPriority.Overdue > CallPriority.Normal);
        Assert.True(CallPriority.Normal > CallPriority.Background);
        Assert.True(CallPriority.Interactive > CallPriority.Overdue);
    }

    [Theory]
    [InlineData(5, false, 80)] // polling: at the expected finish
    [InlineData(5, true, 160)] // webhook: a safety net at twice the expected time
    [InlineData(0, true, 90)] // short jobs: at least the interval cap (60 s) past the expected 30 s
    public void First_WithOrWithoutWebhook_ExpectedFinishOrLateSafetyNet(int videoSeconds, bool webhook, int expectedSeconds)
    {
        var schedule = new PollSchedule(new JobOptions(), new Random(1));

        Assert.Equal(Submitted.AddSeconds(expectedSeconds), schedule.First(Submitted, videoSeconds, webhook));
    }

    private static BotJob Job(int seconds) => new()
    {
        Id = "job1",
        Origin = new ChatOrigin("test", "W1", "C1"),
        UserId = "U1",
        Request = new VideoRequest { Prompt = "a fox", DurationSeconds = seconds },
        Seconds = seconds,
        CreatedAt = Submitted,
    };
}
