using SeedanceBot.Core.Chat;
using SeedanceBot.Core.Jobs;
using SeedanceBot.Core.Video;

namespace SeedanceBot.Core.Tests.Jobs;

public class StoredJobReaderTests
{
    private static BotJob Job(string id, int version) => new()
    {
        Id = id,
        Origin = new ChatOrigin("test", "W1", "C1"),
        UserId = "U1",
        Request = new VideoRequest { Prompt = "an owl over a lake", DurationSeconds = 5 },
        Seconds = 5,
        CreatedAt = new DateTimeOffset(2026, 12, 2, 10, 0, 0, TimeSpan.Zero),
        Version = version,
    };

    [Fact]
    public void A_job_read_again_with_the_same_text_is_the_record_read_before()
    {
        var reader = new StoredJobReader();
        var text = RecordJson.Write(Job("a1", 3));

        var first = reader.Read("a1", text);
        var again = reader.Read("a1", new string(text.AsSpan()));

        Assert.Same(first, again);
        Assert.Equal(Job("a1", 3), first);
    }

    [Fact]
    public void A_job_whose_text_changed_is_read_from_the_new_text()
    {
        var reader = new StoredJobReader();
        reader.Read("a1", RecordJson.Write(Job("a1", 3)));

        var changed = reader.Read("a1", RecordJson.Write(Job("a1", 4) with { State = JobState.Running }));

        Assert.Equal(4, changed.Version);
        Assert.Equal(JobState.Running, changed.State);
        Assert.Equal(changed, reader.Read("a1", RecordJson.Write(changed)));
    }

    [Fact]
    public void Past_its_capacity_the_reader_starts_over_and_still_reads_every_job()
    {
        var reader = new StoredJobReader();
        var texts = Enumerable.Range(0, StoredJobReader.Capacity + 10).Select(i => ("j" + i, RecordJson.Write(Job("j" + i, 1)))).ToList();
        var kept = reader.Read(texts[0].Item1, texts[0].Item2);

        foreach (var (id, text) in texts)
        {
            Assert.Equal(id, reader.Read(id, text).Id);
        }

        // The first job was dropped when the reader started over: it is parsed again, to an equal record.
        var reread = reader.Read(texts[0].Item1, texts[0].Item2);
        Assert.NotSame(kept, reread);
        Assert.Equal(kept, reread);
    }
}
