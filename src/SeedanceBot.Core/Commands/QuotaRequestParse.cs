namespace SeedanceBot.Core.Commands;

/// <summary>What <see cref="QuotaRequestParser"/> read, or the friendly reason it could not (exactly one is set).</summary>
public sealed record QuotaRequestParse(QuotaRequest? Request, string? Error)
{
    public static QuotaRequestParse Of(QuotaRequest request) => new(request, null);

    public static QuotaRequestParse Refused(string error) => new(null, error);
}
