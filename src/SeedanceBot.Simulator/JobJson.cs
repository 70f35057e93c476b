using System.Globalization;
using System.Text.Json.Nodes;

namespace SeedanceBot.Simulator;

/// <summary>Writes a job as <c>GET /videos/{id}</c> returns it, its state computed from the clock.</summary>
internal static class JobJson
{
    /// <param name="job">The job.</param>
    /// <param name="now">The simulator's clock.</param>
    /// <param name="mediaUrl">A signed link to one of the job's files (<see cref="VideoFile"/>, <see cref="LastFrameFile"/>).</param>
    public static JsonObject Write(SimulatorJob job, DateTimeOffset now, Func<string, string> mediaUrl)
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
            json["url"] = mediaUrl(VideoFile(job.Id));
            if (job.ReturnLastFrame)
            {
                json["last_frame_url"] = mediaUrl(LastFrameFile(job.Id));
            }
        }

        return json;
    }

    /// <summary>The name of a job's MP4 under <c>/media</c>.</summary>
    public static string VideoFile(string jobId) => jobId + ".mp4";

    /// <summary>The name of a job's last frame (PNG) under <c>/media</c>.</summary>
    public static string LastFrameFile(string jobId) => jobId + LastFrameSuffix;

    public const string LastFrameSuffix = "-last.png";

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
