using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using SeedanceBot.ModelArk.Contracts;

namespace SeedanceBot.ModelArk.Http;

/// <summary>
/// Ark over the typed <see cref="HttpClient"/> whose pipeline retries (408, 409 and 429 always; 5xx and network errors
/// only for calls that create nothing), keeps the requests-per-minute gate and authenticates.
/// </summary>
internal sealed class ModelArkClient(HttpClient http) : IModelArkClient
{
    private const string Tasks = "contents/generations/tasks";

    public async Task<string> CreateAsync(ArkCreateTask task, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(HttpMethod.Post, Tasks, JsonContent.Create(task, ArkJson.Info<ArkCreateTask>()), cancellationToken);
        var created = await response.Content.ReadFromJsonAsync(ArkJson.Info<ArkCreated>(), cancellationToken);
        return created?.Id is { Length: > 0 } id ? id : throw new ModelArkApiException("ModelArk answered a create without a task id.");
    }

    public async Task<ArkTask> GetAsync(string taskId, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(HttpMethod.Get, Tasks + "/" + Uri.EscapeDataString(taskId), null, cancellationToken);
        return await response.Content.ReadFromJsonAsync(ArkJson.Info<ArkTask>(), cancellationToken)
            ?? throw new ModelArkApiException("ModelArk answered a task query with an empty body.");
    }

    public async Task<IReadOnlyList<ArkListItem>> ListAsync(IReadOnlyCollection<string>? taskIds, int pageSize, CancellationToken cancellationToken)
    {
        var query = new StringBuilder(Tasks).Append("?page_num=1&page_size=").Append(pageSize.ToString(CultureInfo.InvariantCulture));
        foreach (var id in taskIds ?? [])
        {
            query.Append("&filter.task_ids=").Append(Uri.EscapeDataString(id));
        }

        using var response = await SendAsync(HttpMethod.Get, query.ToString(), null, cancellationToken);
        var list = await response.Content.ReadFromJsonAsync(ArkJson.Info<ArkTaskList>(), cancellationToken);
        return list?.Items ?? [];
    }

    public async Task DeleteAsync(string taskId, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(HttpMethod.Delete, Tasks + "/" + Uri.EscapeDataString(taskId), null, cancellationToken);
    }

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, HttpContent? content, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative)) { Content = content };
        var response = await http.SendAsync(request, cancellationToken);
        if (response.IsSuccessStatusCode)
        {
            return response;
        }

        using (response)
        {
            ArkTaskError? error = null;
            try
            {
                error = (await response.Content.ReadFromJsonAsync(ArkJson.Info<ArkErrorBody>(), cancellationToken))?.Error;
            }
            catch (JsonException)
            {
                // Not Ark's JSON (a proxy's page): the status says enough.
            }

            throw new ModelArkApiException(response.StatusCode, error?.Code, error?.Message, error?.Param, response.Headers.RetryAfter?.Delta);
        }
    }
}
