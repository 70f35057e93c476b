using SeedanceBot.Core.Jobs;

namespace SeedanceBot.Storage.LiteDb.Tests;

/// <summary>A job the writer wrote reaches the open jobs only once its transaction is committed and on disk.</summary>
public sealed class ActiveJobsTests
{
    private static readonly BotJob Queued = TempStore.Job("q");

    [Fact]
    public void Stage_ReachesTheListOnlyAfterCommitAndFlush()
    {
        var active = new ActiveJobs();
        active.Load([]);

        active.Stage(Queued);
        var whileOpen = active.List();
        active.Commit();
        var beforeFlush = active.List();
        active.Flushed(true);

        Assert.Empty(whileOpen);
        Assert.Empty(beforeFlush);
        Assert.Equal(["q"], active.List().Select(j => j.Id));
    }

    [Fact]
    public void CountAsWritten_SeesTheOpenTransactionAndWhatAwaitsItsFlush()
    {
        var active = new ActiveJobs();
        active.Load([TempStore.Job("a") with { State = JobState.Running }, TempStore.Job("b") with { State = JobState.Running }, Queued]);
        bool Running(BotJob j) => j.State == JobState.Running;

        active.Stage(TempStore.Job("a") with { State = JobState.Succeeded });
        active.Commit();
        var committing = active.CountAsWritten(Running);
        active.Stage(Queued with { State = JobState.Running });
        active.Stage(TempStore.Job("c") with { State = JobState.Running });
        var staged = active.CountAsWritten(Running);
        active.Discard();
        var rolledBack = active.CountAsWritten(Running);

        Assert.Equal(1, committing);
        Assert.Equal(3, staged);
        Assert.Equal(1, rolledBack);
    }

    [Fact]
    public void Discard_ARolledBackTransactionPublishesNothing()
    {
        var active = new ActiveJobs();
        active.Load([Queued]);

        active.Stage(Queued with { State = JobState.Succeeded });
        active.Discard();
        active.Flushed(true);

        Assert.Equal(["q"], active.List().Select(j => j.Id));
    }

    [Fact]
    public void Flushed_Failed_TheListIsReadFromTheFileAgain()
    {
        var active = new ActiveJobs();
        active.Load([]);

        active.Stage(Queued);
        active.Commit();
        active.Flushed(false);

        Assert.False(active.IsLoaded);
        active.Load([]);
        active.Flushed(true);
        Assert.Empty(active.List());
    }

    [Fact]
    public void Flushed_AFinishedJobLeavesTheList()
    {
        var active = new ActiveJobs();
        active.Load([Queued]);

        active.Stage(Queued with { State = JobState.Failed });
        active.Commit();
        active.Flushed(true);

        Assert.Empty(active.List());
        Assert.False(active.TryGet("q", out _));
    }
}
