using SeedanceBot.Core.Video;

namespace SeedanceBot.Seedance.Http;

/// <summary>Per-request values the client hands to its handlers.</summary>
internal static class SeedanceRequestOptions
{
    public static readonly HttpRequestOptionsKey<CallPriority> Priority = new("SeedanceBot.Seedance.Priority");
}
