using LiteDB;
using SeedanceBot.Core.Jobs;
using SeedanceBot.Storage.Postgres;

namespace SeedanceBot;

/// <summary>
/// <c>SeedanceBot migrate --to postgres</c>: copies the LiteDB file at <c>Storage:Path</c> (jobs, quota settings, the usage
/// ledger, the interaction ledger, open forms, the jobs' stored media) into the PostgreSQL database of <c>Storage:ConnectionString</c>, read
/// from the same settings as the bot (appsettings, environment, <c>--Key=value</c>). Every row is an upsert: run it again
/// and nothing changes. Stop the bot first, so the file is not being written.
/// </summary>
internal static class StoreMigration
{
    private const int PageSize = 1_000;

    private static readonly BsonExpression OrderById = BsonExpression.Create("$._id");

    /// <summary>The file storage <c>LiteDbMediaStore</c> keeps a job's images in (its metadata: <c>job</c>, <c>type</c>).</summary>
    private const string MediaFiles = "media_files";

    private const string MediaChunks = "media_chunks";

    public const string Verb = "migrate";

    public static bool Requested(string[] args) => args is [Verb, ..];

    public static async Task<int> RunAsync(string[] args, TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        var rest = args.Skip(1).ToList();
        var to = rest.IndexOf("--to") is var at and >= 0 && at + 1 < rest.Count ? rest[at + 1] : null;
        if (!string.Equals(to, "postgres", StringComparison.OrdinalIgnoreCase))
        {
            await output.WriteLineAsync("Usage: SeedanceBot migrate --to postgres [--Storage:Path=FILE] [--Storage:ConnectionString=...]");
            return 2;
        }

        var configuration = Host.CreateApplicationBuilder([.. rest.Where(a => a.StartsWith("--", StringComparison.Ordinal) && a.Contains('=', StringComparison.Ordinal))]).Configuration;
        var path = Path.GetFullPath(configuration["Storage:Path"] ?? "./data/seedancebot.db");
        var connectionString = configuration["Storage:ConnectionString"];
        if (!File.Exists(path) || string.IsNullOrWhiteSpace(connectionString))
        {
            await output.WriteLineAsync(!File.Exists(path)
                ? $"No LiteDB file at {path}: set Storage:Path to the file to copy."
                : "Storage:ConnectionString is required: the PostgreSQL database to copy into.");
            return 2;
        }

        try
        {
            await using var target = await PostgresImport.OpenAsync(connectionString, cancellationToken);
            using var source = new LiteDatabase(new ConnectionString { Filename = path, Connection = ConnectionType.Direct, ReadOnly = true });
            var counts = new Dictionary<string, int>(StringComparer.Ordinal);
            async Task CopyAsync(string collection, Func<BsonDocument, Task> copy)
            {
                // A page at a time, read before any await: LiteDB's read lock belongs to the thread that opened the
                // query, and an await may resume elsewhere. Pages follow _id, so memory stays one page whatever the file.
                var n = 0;
                var after = BsonValue.MinValue;
                while (true)
                {
                    var page = source.GetCollection(collection).Query()
                        .Where(Query.GT("_id", after)).OrderBy(OrderById).Limit(PageSize).ToDocuments().ToList();
                    foreach (var document in page)
                    {
                        await copy(document);
                        n++;
                    }

                    if (page.Count < PageSize)
                    {
                        break;
                    }

                    after = page[^1]["_id"];
                }

                counts[collection] = n;
            }

            await CopyAsync("jobs", d => target.JobAsync(d["Json"].AsString, cancellationToken));
            await CopyAsync("usage", d => target.UsageAsync(
                new UsageEntry(Text(d["_id"]), Text(d["Platform"]), Text(d["WorkspaceId"]), Text(d["UserId"]), d["UserName"].IsNull ? null : d["UserName"].AsString, d["Seconds"].AsInt32, Text(d["Prompt"]), new DateTimeOffset(d["AtTicks"].AsInt64, TimeSpan.Zero),
                    d["Cost"].IsNumber ? d["Cost"].AsDecimal : null,
                    d["Currency"].IsString ? d["Currency"].AsString : null),
                cancellationToken));
            await CopyAsync("quota_settings", d => target.SettingAsync(d["_id"].AsString, d["Json"].AsString, cancellationToken));
            await CopyAsync("interactions", d => target.InteractionAsync(d["_id"].AsString, d["KeepUntilTicks"].AsInt64, cancellationToken));
            await CopyAsync("forms", d => target.FormAsync(d["_id"].AsString, d["ExpiresTicks"].AsInt64, d["Json"].AsString, cancellationToken));
            // Media: LiteDB's file storage (LiteDbMediaStore), a page of file entries at a time; each item's bytes are read
            // whole before its write is awaited, so memory holds one page of entries and one item's bytes.
            var media = source.GetStorage<string>(MediaFiles, MediaChunks);
            await CopyAsync(MediaFiles, async d =>
            {
                var key = d["_id"].AsString;
                var content = new byte[checked((int)d["length"].AsInt64)];
                using (var stream = media.OpenRead(key))
                {
                    stream.ReadExactly(content);
                }

                await target.MediaAsync(key, d["metadata"]["job"].AsString, d["metadata"]["type"].AsString, content, cancellationToken);
            });
            await output.WriteLineAsync(
                $"Copied {counts["jobs"]} jobs, {counts["usage"]} usage entries, {counts["quota_settings"]} quota settings, {counts["interactions"]} taken requests, {counts["forms"]} open forms and {counts[MediaFiles]} stored images from {path} to PostgreSQL ({target.Target}). " +
                "Running it again changes nothing. Start the bot with Storage:Provider=Postgres.");
            return 0;
        }
        catch (Exception ex) when (ex is PostgresUnavailableException or LiteException or IOException or InvalidCastException or System.Text.Json.JsonException)
        {
            await output.WriteLineAsync("SeedanceBot migrate failed: " + ex.Message);
            return 2;
        }
    }

    /// <summary>Files written with LiteDB's default mapper hold "" as null.</summary>
    private static string Text(BsonValue value) => value.IsNull ? string.Empty : value.AsString;
}
