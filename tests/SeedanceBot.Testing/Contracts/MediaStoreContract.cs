using SeedanceBot.Core.Media;
using SeedanceBot.Core.Video;
using Xunit;

namespace SeedanceBot.Testing.Contracts;

/// <summary>What every <see cref="IMediaStore"/> must do, run once per store: bytes come back whole, per key, and go with their job.</summary>
public abstract class MediaStoreContract : IDisposable
{
    private readonly Lazy<IMediaStore> _store;

    protected MediaStoreContract() => _store = new(CreateStore, LazyThreadSafetyMode.ExecutionAndPublication);

    protected IMediaStore Store => _store.Value;

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected abstract IMediaStore CreateStore();

    /// <summary>Another store over the same data, as after a restart (or another replica); the same store when it keeps nothing.</summary>
    protected virtual IMediaStore Reopen() => Store;

    protected virtual void Dispose(bool disposing)
    {
    }

    private static byte[] Bytes(int length, byte seed)
    {
        var bytes = new byte[length];
        for (var i = 0; i < length; i++)
        {
            bytes[i] = (byte)(seed + (i * 31));
        }

        return bytes;
    }

    [Fact]
    public async Task Read_AfterSave_ReturnsTheSameBytesAndType()
    {
        var key = MediaKeys.Image("J1", ImageRole.FirstFrame, 1);
        var bytes = Bytes(1000, 7);
        await Store.SaveAsync("J1", key, "image/png", bytes, CancellationToken.None);

        var read = await Reopen().ReadAsync(key, CancellationToken.None);

        Assert.NotNull(read);
        Assert.Equal("J1", read.JobId);
        Assert.Equal("image/png", read.ContentType);
        Assert.Equal(bytes, read.Content.ToArray());
    }

    [Fact]
    public async Task Read_LargerThanOneDocument_ComesBackWhole()
    {
        // 17 MB: more than a LiteDB document holds, within the 30 MB an image may have.
        var key = MediaKeys.Image("J1", ImageRole.Reference, 1);
        var bytes = Bytes(17 * 1024 * 1024, 3);
        await Store.SaveAsync("J1", key, "image/jpeg", bytes, CancellationToken.None);

        var read = await Reopen().ReadAsync(key, CancellationToken.None);

        Assert.NotNull(read);
        Assert.True(bytes.AsSpan().SequenceEqual(read.Content.Span));
    }

    [Fact]
    public async Task Save_SameKeyTwice_KeepsTheLast()
    {
        var key = MediaKeys.Image("J1", ImageRole.FirstFrame, 1);
        await Store.SaveAsync("J1", key, "image/png", Bytes(10, 1), CancellationToken.None);
        await Store.SaveAsync("J1", key, "image/webp", Bytes(20, 2), CancellationToken.None);

        var read = await Store.ReadAsync(key, CancellationToken.None);

        Assert.Equal("image/webp", read!.ContentType);
        Assert.Equal(Bytes(20, 2), read.Content.ToArray());
    }

    [Fact]
    public async Task Read_UnknownKey_ReturnsNull() =>
        Assert.Null(await Store.ReadAsync("nobody/first_frame-1", CancellationToken.None));

    [Fact]
    public async Task DeleteJob_RemovesExactlyThatJobsItems()
    {
        await Store.SaveAsync("J1", MediaKeys.Image("J1", ImageRole.FirstFrame, 1), "image/png", Bytes(10, 1), CancellationToken.None);
        await Store.SaveAsync("J1", MediaKeys.Image("J1", ImageRole.LastFrame, 1), "image/png", Bytes(10, 2), CancellationToken.None);
        await Store.SaveAsync("J10", MediaKeys.Image("J10", ImageRole.FirstFrame, 1), "image/png", Bytes(10, 3), CancellationToken.None);

        var removed = await Store.DeleteJobAsync("J1", CancellationToken.None);

        Assert.Equal(2, removed);
        Assert.Null(await Store.ReadAsync(MediaKeys.Image("J1", ImageRole.FirstFrame, 1), CancellationToken.None));
        Assert.Null(await Store.ReadAsync(MediaKeys.Image("J1", ImageRole.LastFrame, 1), CancellationToken.None));
        Assert.NotNull(await Store.ReadAsync(MediaKeys.Image("J10", ImageRole.FirstFrame, 1), CancellationToken.None));
        Assert.Equal(0, await Store.DeleteJobAsync("J1", CancellationToken.None));
    }
}
