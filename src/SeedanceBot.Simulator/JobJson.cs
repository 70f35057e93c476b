using System.Globalization;
using System.Text.Json.Nodes;

namespace SeedanceBot.Simulator;

/// <summary>Writes a job as <c>GET /videos/{id}</c> returns it, its state computed from the clock.</summary>
internal static class JobJson
{
    public static JsonObject Write(SimulatorJob job, DateTimeOffset now, Func<SimulatorJob, string> mediaUrl)
    {
        var json = new JsonObject
        {
            ["id"] = job.Id,
            ["created_at"] = Iso(job.CreatedAt),
        };
        if (now < job.FinishesAt)
        {
            var total = (job.FinishesAt - job.CreatedAt).TotalSeconds;
            var elapsed = (now - job.CreatedAt).TotalSeconds;
            json["status"] = "processing";
            json["progress"] = total <= 0 ? 99 : (int)Math.Clamp(Math.Floor(elapsed / total * 100), 0, 99);
            json["eta_secs"] = (int)Math.Ceiling((job.FinishesAt - now).TotalSeconds);
            return json;
        }

        json["completed_at"] = Iso(job.FinishesAt);
        if (job.WillFail)
        {
            json["status"] = "failed";
            json["error"] = new JsonObject
            {
                ["code"] = "generation_failed",
                ["message"] = "The model could not render this prompt. Try again or change the prompt.",
            };
        }
        else
        {
            json["status"] = "succeeded";
            json["progress"] = 100;
            json["url"] = mediaUrl(job);
        }

        return json;
    }

    public static JsonObject Error(string code, string message, IEnumerable<(string Field, string Message)>? details = null)
    {
        var error = new JsonObject { ["code"] = code, ["message"] = message };
        if (details is not null)
        {
            error["details"] = new JsonArray([.. details.Select(d => new JsonObject { ["field"] = d.Field, ["message"] = d.Message })]);
        }

        return new JsonObject { ["error"] = error };
    }

    public static string Iso(DateTimeOffset value) => value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
