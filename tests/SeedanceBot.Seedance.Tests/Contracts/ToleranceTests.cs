using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using SeedanceBot.Core.Video;
using SeedanceBot.Seedance.Contracts;
using SeedanceBot.Seedance.Http;
using SeedanceBot.Testing.Http;

namespace SeedanceBot.Seedance.Tests.Contracts;

/// <summary>The variants the contract says to tolerate, served by a stub API over real HTTP.</summary>
public sealed class ToleranceTests
{
    [Fact]
    public async Task GetStylesAsync_BareArray_IsAccepted()
    {
        var styles = await WithApiAsync(200, """[{"id":"noir","name":"Film noir"},"anime",{"id":"vhs"}]""", c => c.GetStylesAsync(CancellationToken.None));

        Assert.Equal(["noir", "anime", "vhs"], styles.Select(s => s.Id));
        Assert.Equal("Film noir", styles[0].Name);
    }

    [Fact]
    public async Task GetVideoAsync_MinimalBodyWithUnknownFieldsAndStatus_IsAccepted()
    {
        var job = await WithApiAsync(200, """{"id":"vid_1","status":"rendering","shiny_new_field":{"a":1}}""", c => c.GetVideoAsync("vid_1", CallPriority.Background, CancellationToken.None));

        Assert.Equal(SeedanceJobStatus.Unknown, job.StatusKind);
        Assert.Null(job.Url);
        Assert.Null(job.CreatedAt);
    }

    [Fact]
    public async Task SubmitAsync_201InsteadOf202_IsAccepted()
    {
        var job = await WithApiAsync(201, """{"id":"vid_2","status":"queued","created_at":"2026-03-15T10:00:00Z"}""", c => c.SubmitAsync(new SeedanceVideoRequest { Prompt = "x" }, "k", CancellationToken.None));

        Assert.Equal(SeedanceJobStatus.Processing, job.StatusKind);
        Assert.Equal(new DateTimeOffset(2026, 3, 15, 10, 0, 0, TimeSpan.Zero), job.CreatedAt);
    }

    [Theory]
    [InlineData("", "not_found", "Not Found")]
    [InlineData("no such video", "not_found", "no such video")]
    [InlineData("""{"error":"video vanished"}""", "not_found", "video vanished")]
    [InlineData("""{"error":{"code":"gone","message":"deleted by owner"}}""", "gone", "deleted by owner")]
    public async Task Errors_EmptyPlainTextStringOrObjectBodies_BecomeTypedExceptions(string body, string code, string message)
    {
        var ex = await Assert.ThrowsAsync<SeedanceApiException>(() => WithApiAsync(404, body, c => c.GetVideoAsync("vid_3", CallPriority.Background, CancellationToken.None)));

        Assert.Equal(HttpStatusCode.NotFound, ex.StatusCode);
        Assert.Equal(code, ex.ErrorCode);
        Assert.Contains(message, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetBalanceAsync_GarbageBody_IsAReadableErrorNotACrash()
    {
        var ex = await Assert.ThrowsAsync<SeedanceApiException>(() => WithApiAsync(200, "<html>maintenance</html>", c => c.GetBalanceAsync(CancellationToken.None)));

        Assert.Equal("invalid_response", ex.ErrorCode);
    }

    private static async Task<T> WithApiAsync<T>(int status, string body, Func<ISeedanceClient, Task<T>> call)
    {
        await using var api = await StubHttpServer.StartAsync(async context =>
        {
            context.Response.StatusCode = status;
            context.Response.ContentType = body.StartsWith('{') || body.StartsWith('[') ? "application/json" : "text/plain";
            await context.Response.WriteAsync(body);
        });
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Seedance:BaseUrl"] = new Uri(api.BaseAddress, "v2").ToString(),
            ["Seedance:ApiKey"] = "sk-stub",
            ["Seedance:Resilience:MaxRetries"] = "0",
        });
        builder.AddSeedanceClient();
        using var host = builder.Build();
        return await call(host.Services.GetRequiredService<ISeedanceClient>());
    }
}
