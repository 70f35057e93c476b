using System.Net;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.AspNetCore.Http;
using SeedanceBot.Testing.Http;
using SeedanceBot.Testing.Time;

namespace SeedanceBot.Simulator.Tests;

public sealed class FaultAndWebhookTests
{
    [Fact]
    public async Task Webhook_WhenTheJobFinishes_PostsTheJobToTheUrl()
    {
        var received = Channel.CreateUnbounded<string>();
        await using var listener = await StubHttpServer.StartAsync(async context =>
        {
            using var reader = new StreamReader(context.Request.Body);
            await received.Writer.WriteAsync(await reader.ReadToEndAsync());
            context.Response.StatusCode = StatusCodes.Status204NoContent;
        });
        await using var fx = await SimulatorFixture.StartAsync();
        var id = await fx.SubmitAsync($$"""{"prompt":"a","duration_secs":2,"webhook_url":"{{listener.BaseAddress}}hooks/job-1"}""");

        fx.Time.Advance(TimeSpan.FromSeconds(49));
        Assert.False(received.Reader.TryRead(out _));
        fx.Time.Advance(TimeSpan.FromSeconds(1));
        var body = JsonDocument.Parse(await received.Reader.ReadAsync(TestContext.Current.CancellationToken).AsTask().WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken)).RootElement;

        Assert.Equal(id, body.GetProperty("id").GetString());
        Assert.Equal("succeeded", body.GetProperty("status").GetString());
        Assert.Contains("/media/" + id + ".mp4", body.GetProperty("url").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task FailNext_AnswersTheStatusForTheNextMatchingRequestsOnly()
    {
        await using var fx = await SimulatorFixture.StartAsync();
        fx.Simulator.Faults.FailNext(2, 503, "/v2/styles");

        var statuses = new List<HttpStatusCode>();
        statuses.Add((await fx.GetAsync("v2/account/balance")).StatusCode);
        for (var i = 0; i < 3; i++)
        {
            statuses.Add((await fx.GetAsync("v2/styles")).StatusCode);
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.ServiceUnavailable, HttpStatusCode.ServiceUnavailable, HttpStatusCode.OK], statuses);
    }

    [Fact]
    public async Task FailNext429_SaysRetryAfter()
    {
        await using var fx = await SimulatorFixture.StartAsync();
        fx.Simulator.Faults.FailNext(1, 429, TimeSpan.FromSeconds(12));

        using var response = await fx.GetAsync("v2/styles");

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(12), response.Headers.RetryAfter?.Delta);
    }

    [Fact]
    public async Task DropNext_AbortsTheConnectionWithoutAnAnswer()
    {
        await using var fx = await SimulatorFixture.StartAsync();
        fx.Simulator.Faults.DropNext(1);

        await Assert.ThrowsAsync<HttpRequestException>(() => fx.GetAsync("v2/styles"));
        Assert.Equal(HttpStatusCode.OK, (await fx.GetAsync("v2/styles")).StatusCode);
    }

    [Fact]
    public async Task DelayNext_HoldsTheAnswerUntilTheClockMoves()
    {
        await using var fx = await SimulatorFixture.StartAsync();
        fx.Simulator.Faults.DelayNext(1, TimeSpan.FromSeconds(30));

        var start = fx.Time.GetUtcNow();

        var pending = fx.GetAsync("v2/styles");
        await Task.Delay(100, TestContext.Current.CancellationToken);
        Assert.False(pending.IsCompleted);
        // Driven rather than advanced once: on a busy machine the request may reach the simulator after a single advance.
        var answer = await fx.Time.DriveAsync(pending, TimeSpan.FromSeconds(5));

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.True(fx.Time.GetUtcNow() - start >= TimeSpan.FromSeconds(30), $"answered after {fx.Time.GetUtcNow() - start}");
    }

    [Fact]
    public async Task FailNextAfterProcessing_CreatesTheJobButAnswers500()
    {
        await using var fx = await SimulatorFixture.StartAsync();
        fx.Simulator.Faults.FailNextAfterProcessing(1, 500, "/v2/videos", "POST");

        using var failed = await fx.PostVideoAsync("""{"prompt":"a lamp"}""", "k-1");
        using var retried = await fx.PostVideoAsync("""{"prompt":"a lamp"}""", "k-1");

        Assert.Equal(HttpStatusCode.InternalServerError, failed.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, retried.StatusCode);
        Assert.Equal(Assert.Single(fx.Simulator.Jobs).Id, (await SimulatorFixture.JsonAsync(retried)).GetProperty("id").GetString());
    }

    [Fact]
    public async Task DropNextAfterProcessing_CreatesTheJobAndLosesTheAnswer()
    {
        await using var fx = await SimulatorFixture.StartAsync();
        fx.Simulator.Faults.DropNextAfterProcessing(1, "/v2/videos", "POST");

        await Assert.ThrowsAsync<HttpRequestException>(() => fx.PostVideoAsync("""{"prompt":"a lamp"}""", "k-2"));

        Assert.Single(fx.Simulator.Jobs);
    }

    [Fact]
    public async Task ServerErrorRateOne_AnswersEveryRequest500()
    {
        await using var fx = await SimulatorFixture.StartAsync(new SimulatorOptions { ApiKeys = SimulatorFixture.Key, ServerErrorRate = 1 });

        using var response = await fx.GetAsync("v2/styles");

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("internal_error", (await SimulatorFixture.JsonAsync(response)).GetProperty("error").GetProperty("code").GetString());
    }

    [Fact]
    public async Task StartAsync_InvalidOptions_FailsNamingTheSetting()
    {
        var ex = await Assert.ThrowsAsync<Microsoft.Extensions.Options.OptionsValidationException>(() => SeedanceSimulator.StartAsync(new SimulatorOptions { FailureRate = 2 }));

        Assert.Contains("FailureRate", ex.Message, StringComparison.Ordinal);
    }
}
