using System.Text.Json.Serialization;

namespace SeedanceBot.Seedance.Contracts;

/// <summary>Source-generated serialization for the wire records: snake_case, nulls omitted, unknown members ignored.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    NumberHandling = JsonNumberHandling.AllowReadingFromString)]
[JsonSerializable(typeof(SeedanceVideoRequest))]
[JsonSerializable(typeof(SeedanceJob))]
[JsonSerializable(typeof(SeedanceErrorEnvelope))]
[JsonSerializable(typeof(SeedanceError))]
[JsonSerializable(typeof(SeedanceStyleList))]
[JsonSerializable(typeof(IReadOnlyList<SeedanceStyle>))]
[JsonSerializable(typeof(SeedanceBalance))]
internal sealed partial class SeedanceJsonContext : JsonSerializerContext;
