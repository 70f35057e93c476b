using System.Text.Json;
using System.Text.Json.Serialization;

namespace SeedanceBot;

/// <summary>The host's own JSON (web defaults), source-generated for the Native AOT image.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(ReadyzBody))]
internal sealed partial class HostJsonContext : JsonSerializerContext;
