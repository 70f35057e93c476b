using System.Text.Json;
using SeedanceBot.ModelArk.Contracts;

namespace SeedanceBot.ModelArk.Tests.Contracts;

/// <summary>A list item's failure reason read from literal JSON: <c>failure_reason</c> first, <c>error</c> for tolerance, odd values as none.</summary>
public sealed class ArkListItemTests
{
    private static ArkListItem Read(string json) =>
        Assert.Single(JsonSerializer.Deserialize<ArkTaskList>($$"""{"items":[{{json}}],"total":1}""", ArkJson.Options)!.Items!);

    [Theory]
    [InlineData("""{"id":"cgt-1","status":"failed","failure_reason":{"code":"InternalServiceError","message":"Rendering failed."}}""", "InternalServiceError", "Rendering failed.")]
    [InlineData("""{"id":"cgt-1","status":"failed","failure_reason":{"code":"InternalServiceError","message":"Rendering failed."},"error":null}""", "InternalServiceError", "Rendering failed.")]
    [InlineData("""{"id":"cgt-1","status":"failed","failure_reason":null,"error":{"code":"InternalServiceError","message":"Rendering failed."}}""", "InternalServiceError", "Rendering failed.")]
    [InlineData("""{"id":"cgt-1","status":"failed","failure_reason":{"code":"","message":""},"error":{"code":"InternalServiceError","message":"Rendering failed."}}""", "InternalServiceError", "Rendering failed.")]
    [InlineData("""{"id":"cgt-1","status":"failed","failure_reason":"OutputVideoSensitiveContentDetected"}""", "OutputVideoSensitiveContentDetected", null)]
    [InlineData("""{"id":"cgt-1","status":"failed","failure_reason":"The output may contain sensitive content."}""", null, "The output may contain sensitive content.")]
    [InlineData("""{"id":"cgt-1","status":"failed","failure_reason":{"code":404,"message":"Gone.","extra":{"a":[1]}}}""", null, "Gone.")]
    public void Reason_IsFailureReasonThenError(string json, string? code, string? message)
    {
        var reason = Read(json).Reason;

        Assert.NotNull(reason);
        Assert.Equal(code, reason.Code);
        Assert.Equal(message, reason.Message);
    }

    [Theory]
    [InlineData("""{"id":"cgt-1","status":"running"}""")]
    [InlineData("""{"id":"cgt-1","status":"failed","failure_reason":null,"error":null}""")]
    [InlineData("""{"id":"cgt-1","status":"failed","failure_reason":[1,2],"error":42}""")]
    [InlineData("""{"id":"cgt-1","status":"failed","failure_reason":" "}""")]
    public void Reason_NoneGiven_IsNull_AndTheItemStillReads(string json)
    {
        var item = Read(json);

        Assert.Equal("cgt-1", item.Id);
        Assert.Null(item.Reason);
    }

    [Fact]
    public void ListItem_OfTheSdks_ReadsIdStatusSeedTimesAndVideo()
    {
        var item = Read("""{"id":"cgt-2","model":"dreamina-seedance-2-0-260128","status":"succeeded","failure_reason":null,"content":{"video_url":"https://tos.example/x.mp4?X-Tos-Expires=86400"},"usage":{"completion_tokens":108900,"total_tokens":108900},"seed":10,"created_at":1743414619,"updated_at":1743414673,"frames":121,"framespersecond":24,"service_tier":"default","execution_expires_after":3600,"generate_audio":true,"revised_prompt":null}""");

        Assert.Equal(
            new ArkListItem { Id = "cgt-2", Model = "dreamina-seedance-2-0-260128", Status = "succeeded", Content = new ArkTaskContent("https://tos.example/x.mp4?X-Tos-Expires=86400"), Usage = new ArkUsage(108900, 108900), Seed = 10, CreatedAt = 1743414619, UpdatedAt = 1743414673 },
            item);
        Assert.Equal(108900, ModelArkVideoProvider.ToStatus(item).CompletionTokens);
    }
}
