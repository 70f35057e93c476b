using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using SeedanceBot.Testing.ModelArk;
using SeedanceBot.Testing.Time;

namespace SeedanceBot.ModelArk.Tests;

/// <summary>The fake answers the list in the list item's shape and GET in the task's (spec §1), raw JSON on the wire.</summary>
public sealed class FakeModelArkShapeTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static async Task<JsonObject> GetJsonAsync(HttpClient http, Uri url)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", FakeModelArk.ApiKey);
        using var response = await http.SendAsync(request, Token);
        response.EnsureSuccessStatusCode();
        return JsonNode.Parse(await response.Content.ReadAsStringAsync(Token))!.AsObject();
    }

    [Fact]
    public async Task List_FailedTask_HasFailureReasonAndNoSettings_WhileGetHasErrorAndSettings()
    {
        await using var ark = await FakeModelArk.StartAsync(FakeClock.Create());
        using var http = new HttpClient();
        using var create = new HttpRequestMessage(HttpMethod.Post, ark.BaseUrl + "/contents/generations/tasks")
        {
            Content = new StringContent("""{"model":"dreamina-seedance-2-0-260128","content":[{"type":"text","text":"A fox"}],"ratio":"9:16","duration":6,"seed":7}"""),
        };
        create.Headers.Authorization = new AuthenticationHeaderValue("Bearer", FakeModelArk.ApiKey);
        using var created = await http.SendAsync(create, Token);
        var id = (string)JsonNode.Parse(await created.Content.ReadAsStringAsync(Token))!["id"]!;
        ark.Fail(id, "InternalServiceError", "Rendering failed.");

        var item = Assert.Single((await GetJsonAsync(http, new Uri(ark.BaseUrl + $"/contents/generations/tasks?filter.task_ids={id}")))["items"]!.AsArray())!.AsObject();
        var task = await GetJsonAsync(http, new Uri(ark.BaseUrl + $"/contents/generations/tasks/{id}"));

        Assert.Equal("""{"code":"InternalServiceError","message":"Rendering failed."}""", item["failure_reason"]!.ToJsonString());
        Assert.All(["error", "resolution", "ratio", "duration"], key => Assert.False(item.ContainsKey(key), key));
        Assert.Equal(7, (long)item["seed"]!);
        Assert.Equal(145, (int)item["frames"]!);
        Assert.Equal("""{"code":"InternalServiceError","message":"Rendering failed."}""", task["error"]!.ToJsonString());
        Assert.False(task.ContainsKey("failure_reason"));
        Assert.Equal(("9:16", 6, "720p"), ((string)task["ratio"]!, (int)task["duration"]!, (string)task["resolution"]!));
    }
}
