using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using SeedanceBot.Testing.Time;

namespace SeedanceBot.Simulator.Tests;

/// <summary>A simulator on port 0 and a plain HttpClient speaking to it with literal JSON, on one fake clock.</summary>
internal sealed class SimulatorFixture : IAsyncDisposable
{
    public const string Key = "sim-key-1";

    private SimulatorFixture(SeedanceSimulator simulator, FakeTimeProvider time)
    {
        Simulator = simulator;
        Time = time;
        Http = new HttpClient { BaseAddress = simulator.BaseAddress };
        Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Key);
    }

    public SeedanceSimulator Simulator { get; }

    public FakeTimeProvider Time { get; }

    public HttpClient Http { get; }

    public static async Task<SimulatorFixture> StartAsync(SimulatorOptions? options = null)
    {
        var time = FakeClock.Create();
        var simulator = await SeedanceSimulator.StartAsync(options ?? new SimulatorOptions { ApiKeys = Key, RequestsPerMinute = 1000 }, time);
        return new SimulatorFixture(simulator, time);
    }

    public async Task<HttpResponseMessage> PostVideoAsync(string json, string? idempotencyKey = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "v2/videos") { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        return await Http.SendAsync(request);
    }

    public Task<HttpResponseMessage> GetAsync(string path) => Http.GetAsync(new Uri(path, UriKind.Relative));

    public static async Task<JsonElement> JsonAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

    public async Task<string> SubmitAsync(string json = """{"prompt":"a fox in the snow","duration_secs":5}""")
    {
        using var response = await PostVideoAsync(json);
        return (await JsonAsync(response)).GetProperty("id").GetString()!;
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Simulator.DisposeAsync();
    }
}
