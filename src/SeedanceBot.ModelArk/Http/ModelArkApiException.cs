using System.Net;

namespace SeedanceBot.ModelArk.Http;

/// <summary>An Ark call that failed: the HTTP status and Ark's <c>error.code</c> (e.g. <c>AccountOverdueError</c>).</summary>
public sealed class ModelArkApiException : Exception
{
    public ModelArkApiException()
    {
    }

    public ModelArkApiException(string message)
        : base(message)
    {
    }

    public ModelArkApiException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public ModelArkApiException(HttpStatusCode status, string? code, string? apiMessage, string? param, TimeSpan? retryAfter)
        : base($"ModelArk answered {(int)status} {code ?? "(no code)"}{(string.IsNullOrEmpty(param) ? string.Empty : " on " + param)}.")
    {
        Status = status;
        Code = code;
        ApiMessage = apiMessage;
        Param = param;
        RetryAfter = retryAfter;
    }

    public HttpStatusCode Status { get; }

    public string? Code { get; }

    /// <summary>Ark's own text: for logs and admins, not echoed to users verbatim.</summary>
    public string? ApiMessage { get; }

    public string? Param { get; }

    public TimeSpan? RetryAfter { get; }
}
