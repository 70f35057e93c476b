namespace SeedanceBot.Storage.LiteDb.Tests;

/// <summary>Keeps a writer busy inside one write, so the writes queued meanwhile run together as one group.</summary>
internal sealed class WriterHold : IDisposable
{
    private readonly ManualResetEventSlim _gate = new();
    private readonly Task<bool> _held;

    /// <summary>Returns once the writer is inside the hold: a write queued before it began could go first (answers do).</summary>
    public WriterHold(LiteDbWriter writer)
    {
        var ct = TestContext.Current.CancellationToken;
        using var holding = new ManualResetEventSlim();
        _held = writer.AloneAsync(
            _ =>
            {
                holding.Set();
                _gate.Wait(ct);
                return true;
            },
            ct);
        holding.Wait(ct);
    }

    /// <summary>Opens the gate and waits for the holding write to finish.</summary>
    public Task ReleaseAsync()
    {
        _gate.Set();
        return _held;
    }

    public void Dispose()
    {
        _gate.Set();
        _gate.Dispose();
    }
}
