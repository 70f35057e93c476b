namespace SeedanceBot.Storage.LiteDb;

/// <summary>Holding <see cref="LiteDbContext"/>'s write section; disposing it lets the next writer in.</summary>
internal readonly struct WriteSection(SemaphoreSlim gate) : IDisposable
{
    public void Dispose() => gate.Release();
}
