using Microsoft.Extensions.Time.Testing;
using SeedanceBot.Core.Chat;
using Xunit;

namespace SeedanceBot.Testing.Contracts;

/// <summary>
/// What every <see cref="IInteractionLedger"/> and <see cref="IPendingFormStore"/> must do, run once per store: a request
/// is taken once (also by concurrent callers), and an open form comes back whole until it expires.
/// </summary>
public abstract class InteractionStoresContract : IDisposable
{
    protected static readonly DateTimeOffset T0 = new(2026, 3, 15, 10, 0, 0, TimeSpan.Zero);

    private readonly Lazy<IInteractionLedger> _ledger;
    private readonly Lazy<IPendingFormStore> _forms;

    protected InteractionStoresContract()
    {
        _ledger = new(CreateLedger, LazyThreadSafetyMode.ExecutionAndPublication);
        _forms = new(CreateForms, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>The stores' clock (what "now" is for the ledger's keep-until and the forms' pruning).</summary>
    protected FakeTimeProvider Time { get; } = new(T0);

    protected IInteractionLedger Ledger => _ledger.Value;

    protected IPendingFormStore Forms => _forms.Value;


    public static TheoryData<string> MalformedKeys => [string.Empty, "short", "AAAAAAAAAAAAAAAA", "aaaaaaaaaaaaaaa/", "aaaaaaaaaaaaaaaa' OR '1'='1"];

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected abstract IInteractionLedger CreateLedger();

    protected abstract IPendingFormStore CreateForms();

    protected virtual void Dispose(bool disposing)
    {
    }

    [Fact]
    public async Task TryRecord_TheSameKeyAgain_IsARepeat_ButNewOnAnotherPlatform()
    {
        var first = await Ledger.TryRecordAsync("discord", "1400000000000000001", T0.AddHours(1), CancellationToken.None);
        var again = await Ledger.TryRecordAsync("discord", "1400000000000000001", T0.AddHours(1), CancellationToken.None);
        var otherPlatform = await Ledger.TryRecordAsync("slack", "1400000000000000001", T0.AddHours(1), CancellationToken.None);
        var otherKey = await Ledger.TryRecordAsync("discord", "1400000000000000002", T0.AddHours(1), CancellationToken.None);

        Assert.Equal([true, false, true, true], new[] { first, again, otherPlatform, otherKey });
    }

    [Fact]
    public async Task TryRecord_SixteenConcurrentCallersWithOneKey_OnlyOneIsFirst()
    {
        using var start = new ManualResetEventSlim();
        var callers = Enumerable.Range(0, 16).Select(_ => Task.Run(async () =>
        {
            start.Wait();
            return await Ledger.TryRecordAsync("slack", "trigger-race", T0.AddHours(1), CancellationToken.None);
        })).ToList();
        start.Set();

        Assert.Single(await Task.WhenAll(callers), recorded => recorded);
    }

    [Fact]
    public async Task TryRecord_AfterItsKeepUntil_IsNewAgain_AndBeforeItARepeat()
    {
        await Ledger.TryRecordAsync("slack", "trigger-1", T0.AddMinutes(10), CancellationToken.None);

        Time.Advance(TimeSpan.FromMinutes(10) - TimeSpan.FromTicks(1));
        var justBefore = await Ledger.TryRecordAsync("slack", "trigger-1", Time.GetUtcNow().AddMinutes(10), CancellationToken.None);
        Time.Advance(TimeSpan.FromTicks(1));
        var after = await Ledger.TryRecordAsync("slack", "trigger-1", Time.GetUtcNow().AddMinutes(10), CancellationToken.None);
        var repeatAfterRenewal = await Ledger.TryRecordAsync("slack", "trigger-1", Time.GetUtcNow().AddMinutes(10), CancellationToken.None);

        Assert.Equal([false, true, false], new[] { justBefore, after, repeatAfterRenewal });
    }

    [Fact]
    public async Task SaveThenGet_TheFormsOptions_ComeBackWholeUntilTheyExpire()
    {
        var form = new PendingForm("discord", "1100000000000000111", [new("aspect_ratio", "9:16"), new("duration", "4"), new("style", "noir \"quoted\" \u0000 ünï"), new("seed", "42"), new("camera", "zoom-in,pan-left")], T0.AddHours(1));
        var key = await Forms.SaveAsync(form, CancellationToken.None);
        var other = await Forms.SaveAsync(form with { UserId = "U2" }, CancellationToken.None);

        var read = await Forms.GetAsync(key, T0.AddHours(1).AddTicks(-1), CancellationToken.None);
        var expired = await Forms.GetAsync(key, T0.AddHours(1), CancellationToken.None);

        Assert.True(PendingFormKeys.IsWellFormed(key));
        Assert.NotEqual(key, other);
        Assert.NotNull(read);
        Assert.Equal(form.Options, read.Options);
        Assert.Equal(form with { Options = [] }, read with { Options = [] });
        Assert.Null(expired);
        Assert.Equal("U2", (await Forms.GetAsync(other, T0, CancellationToken.None))!.UserId);
    }

    [Fact]
    public async Task Get_AWellFormedKeyNeverSaved_IsNull()
    {
        await Forms.SaveAsync(new PendingForm("slack", "U1", [], T0.AddHours(1)), CancellationToken.None);

        Assert.Null(await Forms.GetAsync(PendingFormKeys.New(), T0, CancellationToken.None));
    }

    [Theory]
    [MemberData(nameof(MalformedKeys))]
    public async Task Get_AKeyNotOfTheShapeItMakes_IsNull(string key)
    {
        Assert.Null(await Forms.GetAsync(key, T0, CancellationToken.None));
    }
}
