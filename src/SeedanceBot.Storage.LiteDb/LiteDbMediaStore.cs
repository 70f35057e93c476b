using LiteDB;
using SeedanceBot.Core.Media;

namespace SeedanceBot.Storage.LiteDb;

/// <summary>
/// Media bytes in the same file, in LiteDB's file storage (chunked, so an image may exceed a document's 16 MB): one file
/// per key, its job and content type in the metadata; writes go through the file's one writer.
/// </summary>
internal sealed class LiteDbMediaStore(LiteDbContext context) : IMediaStore
{
    private const string JobField = "job";
    private const string TypeField = "type";

    private ILiteStorage<string> Files => context.Database.GetStorage<string>("media_files", "media_chunks");

    public Task SaveAsync(string jobId, string key, string contentType, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(jobId);
        ArgumentException.ThrowIfNullOrEmpty(key);
        var bytes = content.ToArray();
        return context.WriteAsync(
            _ =>
            {
                using var stream = new MemoryStream(bytes, writable: false);
                Files.Upload(key, key, stream, new BsonDocument { [JobField] = jobId, [TypeField] = contentType });
                return true;
            },
            cancellationToken);
    }

    public Task<StoredMedia?> ReadAsync(string key, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        var file = Files.FindById(key);
        if (file is null)
        {
            return Task.FromResult<StoredMedia?>(null);
        }

        using var buffer = new MemoryStream(checked((int)file.Length));
        file.CopyTo(buffer);
        return Task.FromResult<StoredMedia?>(new StoredMedia(key, file.Metadata[JobField].AsString, file.Metadata[TypeField].AsString, buffer.ToArray()));
    }

    public Task<int> DeleteJobAsync(string jobId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(jobId);
        return context.WriteAsync(
            _ =>
            {
                // Keys start with the job id and a slash (MediaKeys), so the id index finds them.
                var keys = Files.Find(Query.StartsWith("_id", jobId + "/")).Select(f => f.Id).ToList();
                return keys.Count(Files.Delete);
            },
            cancellationToken);
    }
}
