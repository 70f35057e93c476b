using LiteDB;
using SeedanceBot.Core.Media;

namespace SeedanceBot.Storage.LiteDb;

/// <summary>
/// Media bytes in the same file, in LiteDB's file storage (chunked, so an image may exceed a document's 16 MB): one file
/// per key, its job and content type in the metadata; writes go through the file's one writer.
/// </summary>
internal sealed class LiteDbMediaStore : IMediaStore
{
    private const string JobField = "job";
    private const string TypeField = "type";
    private const string FilesCollection = "media_files";
    private const string ChunksCollection = "media_chunks";
    private readonly LiteDbContext _context;

    public LiteDbMediaStore(LiteDbContext context)
    {
        _context = context;

        // A read is not on the writer: the collections exist before the first upload creates them (LiteDbContext.CreateCollection).
        _context.AloneAsync(
            database => LiteDbContext.CreateCollection(database.GetCollection(FilesCollection)) | LiteDbContext.CreateCollection(database.GetCollection(ChunksCollection)),
            CancellationToken.None).GetAwaiter().GetResult();
    }

    private ILiteStorage<string> Files => _context.Database.GetStorage<string>(FilesCollection, ChunksCollection);

    public Task SaveAsync(string jobId, string key, string contentType, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(jobId);
        ArgumentException.ThrowIfNullOrEmpty(key);
        var bytes = content.ToArray();
        return _context.WriteAsync(
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
        return _context.WriteAsync(
            _ =>
            {
                // Keys start with the job id and a slash (MediaKeys), so the id index finds them.
                var keys = Files.Find(Query.StartsWith("_id", jobId + "/")).Select(f => f.Id).ToList();
                return keys.Count(Files.Delete);
            },
            cancellationToken);
    }
}
