using SeedanceBot.Core.Chat;

namespace SeedanceBot.Storage.LiteDb.Tests;

/// <summary>The ledger of requests taken and the open forms' state, in the real file, across a restart.</summary>
public sealed class LiteDbInteractionStoresTests
{
    private readonly FakeTimeProvider _time = new(TempStore.T0);

    [Fact]
    public async Task TryRecord_TheSameKeyAgain_IsARepeat_AlsoAfterReopeningTheFile()
    {
        using var store = new TempStore();
        var ledger = new LiteDbInteractionLedger(store.Context, _time);
        var first = await ledger.TryRecordAsync("discord", "1400000000000000001", TempStore.T0.AddHours(1), CancellationToken.None);
        var again = await ledger.TryRecordAsync("discord", "1400000000000000001", TempStore.T0.AddHours(1), CancellationToken.None);

        store.Reopen();
        var afterRestart = await new LiteDbInteractionLedger(store.Context, _time).TryRecordAsync("discord", "1400000000000000001", TempStore.T0.AddHours(1), CancellationToken.None);
        var otherPlatform = await new LiteDbInteractionLedger(store.Context, _time).TryRecordAsync("slack", "1400000000000000001", TempStore.T0.AddHours(1), CancellationToken.None);

        Assert.True(first);
        Assert.False(again);
        Assert.False(afterRestart);
        Assert.True(otherPlatform);
    }

    [Fact]
    public async Task TryRecord_ATakeWhoseTransactionRolledBack_IsNotTaken_AndOneCommittedBesideItIs()
    {
        using var store = new TempStore();
        var ledger = new LiteDbInteractionLedger(store.Context, _time);
        var id = ReplayKey.IdOf("discord", "1400000000000000002");
        var faulty = store.Context.WriteAsync<bool>(
            database =>
            {
                LiteDbInteractionLedger.TryTake(database, store.Context.Taken, id, TempStore.T0.AddHours(1).UtcTicks, TempStore.T0.UtcTicks);
                throw new InvalidOperationException("the write after the take fails");
            },
            CancellationToken.None);
        var beside = ledger.TryRecordAsync("discord", "1400000000000000003", TempStore.T0.AddHours(1), CancellationToken.None);

        await Assert.ThrowsAsync<InvalidOperationException>(() => faulty);
        Assert.True(await beside);
        Assert.True(await ledger.TryRecordAsync("discord", "1400000000000000002", TempStore.T0.AddHours(1), CancellationToken.None));
        Assert.False(await ledger.TryRecordAsync("discord", "1400000000000000003", TempStore.T0.AddHours(1), CancellationToken.None));
    }

    [Fact]
    public async Task TryRecord_AfterItsKeepUntil_IsNewAgain()
    {
        using var store = new TempStore();
        var ledger = new LiteDbInteractionLedger(store.Context, _time);
        await ledger.TryRecordAsync("slack", "trigger-1", TempStore.T0.AddMinutes(10), CancellationToken.None);

        _time.Advance(TimeSpan.FromMinutes(11));

        Assert.True(await ledger.TryRecordAsync("slack", "trigger-1", _time.GetUtcNow().AddMinutes(10), CancellationToken.None));
    }

    [Fact]
    public async Task SaveThenGet_TheFormsOptions_SurviveReopeningTheFile_UntilTheyExpire()
    {
        using var store = new TempStore();
        var form = new PendingForm("discord", "1100000000000000111", [new("aspect_ratio", "9:16"), new("duration", "4"), new("style", "noir"), new("seed", "42"), new("camera", "zoom-in,pan-left")], TempStore.T0.AddHours(1));
        var key = await new LiteDbPendingFormStore(store.Context, _time).SaveAsync(form, CancellationToken.None);

        store.Reopen();
        var forms = new LiteDbPendingFormStore(store.Context, _time);
        var read = await forms.GetAsync(key, TempStore.T0.AddMinutes(59), CancellationToken.None);
        var expired = await forms.GetAsync(key, TempStore.T0.AddHours(1), CancellationToken.None);

        Assert.True(PendingFormKeys.IsWellFormed(key));
        Assert.NotNull(read);
        Assert.Equal(form.Options, read.Options);
        Assert.Equal(form with { Options = [] }, read with { Options = [] });
        Assert.Null(expired);
    }

    [Theory]
    [InlineData("")]
    [InlineData("short")]
    [InlineData("AAAAAAAAAAAAAAAA")]
    [InlineData("aaaaaaaaaaaaaaa/")]
    public async Task Get_AKeyNotOfTheShapeItMakes_IsNeverLookedUp(string key)
    {
        using var store = new TempStore();

        Assert.Null(await new LiteDbPendingFormStore(store.Context, _time).GetAsync(key, TempStore.T0, CancellationToken.None));
    }
}
