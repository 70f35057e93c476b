using System.Text.Json.Serialization;

namespace SeedanceBot.Seedance.Contracts;

/// <summary>The API's error: <c>{"code","message","details"}</c>, or a bare string (then only <see cref="Message"/> is set).</summary>
[JsonConverter(typeof(SeedanceErrorConverter))]
public sealed record SeedanceError(string? Code, string Message, IReadOnlyList<SeedanceFieldError> Details)
{
    public SeedanceError(string message)
        : this(null, message, [])
    {
    }
}
