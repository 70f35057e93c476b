using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using SeedanceBot.Core.Chat;
using SeedanceBot.Core.Jobs;
using SeedanceBot.Core.Quotas;

namespace SeedanceBot.Core;

/// <summary>
/// How Core's records are written by the stores (LiteDB documents, PostgreSQL rows, migrations between them): readable
/// enum names, nothing lost on a round trip. Source-generated, so it needs no reflection (the image is a Native AOT
/// publish); a type missing here fails in every build, not only the published one.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.General, UseStringEnumConverter = true)]
[JsonSerializable(typeof(BotJob))]
[JsonSerializable(typeof(PendingForm))]
[JsonSerializable(typeof(QuotaOverride))]
[JsonSerializable(typeof(WorkspaceQuota))]
[JsonSerializable(typeof(DateTimeOffset?))]
public sealed partial class RecordJson : JsonSerializerContext
{
    public static string Write<T>(T value) => JsonSerializer.Serialize(value, Info<T>());

    public static T Read<T>(string json) => JsonSerializer.Deserialize(json, Info<T>())
        ?? throw new InvalidDataException("A stored record holds JSON null.");

    private static JsonTypeInfo<T> Info<T>() => (JsonTypeInfo<T>)(Default.GetTypeInfo(typeof(T))
        ?? throw new NotSupportedException($"{typeof(T)} is not one of Core's stored records (add it to {nameof(RecordJson)})."));
}
