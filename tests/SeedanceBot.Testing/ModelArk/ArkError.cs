using System.Text.Json.Nodes;
using Microsoft.AspNetCore.WebUtilities;

namespace SeedanceBot.Testing.ModelArk;

/// <summary>An error answer of the fake ModelArk: <c>{"error":{"code","message","param","type"}}</c> (spec §1 "Errors").</summary>
internal sealed record ArkError(int Status, string Code, string Message, string Param = "")
{
    /// <summary>The spec names no <c>type</c> values beyond 401's <c>Unauthorized</c>: the fake uses the reason phrase without spaces.</summary>
    public string Type => ReasonPhrases.GetReasonPhrase(Status).Replace(" ", string.Empty, StringComparison.Ordinal) is { Length: > 0 } type ? type : "Error";

    public JsonObject ToJson() => new()
    {
        ["error"] = new JsonObject
        {
            ["code"] = Code,
            ["message"] = Message,
            ["param"] = Param,
            ["type"] = Type,
        },
    };

    public static ArkError Missing(string param) => new(400, "MissingParameter", $"The required parameter {param} is missing.", param);

    public static ArkError Invalid(string param, string detail) => new(400, "InvalidParameter", $"The parameter {param} specified in the request is not valid: {detail}", param);
}
