using System.Globalization;

namespace SeedanceBot.Simulator;

/// <summary>
/// Runs before every <c>/v2</c> endpoint: counts the request in the rate-limit window and sets <c>X-RateLimit-*</c>,
/// answers 429, applies injected faults, server errors and latency, checks the Bearer key, and logs the outcome.
/// </summary>
internal sealed class ApiGateMiddleware(RequestDelegate next, SimulatorState state)
{
    /// <summary>Logged for a request whose client went away before the answer (nginx's convention).</summary>
    private const int ClientClosedRequest = 499;

    public async Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        var path = request.PathBase.Add(request.Path).Value ?? string.Empty;
        var receivedAt = state.Time.GetUtcNow();
        var idempotencyKey = request.Headers["Idempotency-Key"].FirstOrDefault();
        var status = 0;
        try
        {
            status = await HandleAsync(context, path);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            status = ClientClosedRequest;
        }
        finally
        {
            state.Record(new SimulatorRequest(request.Method, path, receivedAt, status, idempotencyKey));
        }
    }

    private async Task<int> HandleAsync(HttpContext context, string path)
    {
        var response = context.Response;
        var window = state.CountRequest();
        response.Headers["X-RateLimit-Limit"] = window.Limit.ToString(CultureInfo.InvariantCulture);
        response.Headers["X-RateLimit-Remaining"] = window.Remaining.ToString(CultureInfo.InvariantCulture);
        response.Headers["X-RateLimit-Reset"] = window.Reset.ToString(CultureInfo.InvariantCulture);
        if (!window.Allowed)
        {
            var wait = Math.Max(1, (long)Math.Ceiling(window.Reset - (state.Time.GetUtcNow().ToUnixTimeMilliseconds() / 1000.0)));
            response.Headers.RetryAfter = wait.ToString(CultureInfo.InvariantCulture);
            return await WriteErrorAsync(context, StatusCodes.Status429TooManyRequests, "rate_limited", $"Rate limit of {window.Limit} requests per minute exceeded.");
        }

        var fault = state.Faults.Take(context.Request.Method, path);
        switch (fault?.Kind)
        {
            case FaultKind.Fail:
                if (fault.StatusCode == StatusCodes.Status429TooManyRequests)
                {
                    response.Headers.RetryAfter = ((long)Math.Ceiling(fault.RetryAfter!.Value.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                }

                return await WriteErrorAsync(context, fault.StatusCode, CodeFor(fault.StatusCode), "Injected fault.");
            case FaultKind.Drop:
                context.Abort();
                return 0;
            case FaultKind.Delay:
                await Task.Delay(fault.Delay, state.Time, context.RequestAborted);
                break;
        }

        var options = state.Options;
        if (options.ServerErrorRate > 0 && state.NextRandom() < options.ServerErrorRate)
        {
            return await WriteErrorAsync(context, StatusCodes.Status500InternalServerError, "internal_error", "The server failed. Try again.");
        }

        if (options.Latency > TimeSpan.Zero)
        {
            await Task.Delay(options.Latency, state.Time, context.RequestAborted);
        }

        if (!IsAuthorized(context.Request))
        {
            return await WriteErrorAsync(context, StatusCodes.Status401Unauthorized, "unauthorized", "The API key is missing, invalid or expired.");
        }

        if (fault?.Kind is FaultKind.FailAfterProcessing or FaultKind.DropAfterProcessing)
        {
            // Handle the request for real (a POST creates its job), then lose or spoil the answer.
            var original = response.Body;
            response.Body = Stream.Null;
            await next(context);
            response.Body = original;
            if (fault.Kind == FaultKind.DropAfterProcessing)
            {
                context.Abort();
                return 0;
            }

            response.Headers.ContentLength = null;
            return await WriteErrorAsync(context, fault.StatusCode, CodeFor(fault.StatusCode), "Injected fault after processing.");
        }

        await next(context);
        return response.StatusCode;
    }

    private bool IsAuthorized(HttpRequest request)
    {
        var header = request.Headers.Authorization.FirstOrDefault();
        if (header is null || !header.StartsWith("Bearer ", StringComparison.Ordinal))
        {
            return false;
        }

        var key = header["Bearer ".Length..].Trim();
        var accepted = state.Options.AcceptedKeys;
        return key.Length > 0 && (accepted.Count == 0 || accepted.Contains(key));
    }

    private static string CodeFor(int status) => status switch
    {
        StatusCodes.Status401Unauthorized => "unauthorized",
        StatusCodes.Status404NotFound => "not_found",
        StatusCodes.Status422UnprocessableEntity => "validation_failed",
        StatusCodes.Status429TooManyRequests => "rate_limited",
        >= 500 => "internal_error",
        _ => "error",
    };

    private static async Task<int> WriteErrorAsync(HttpContext context, int status, string code, string message)
    {
        context.Response.StatusCode = status;
        await context.Response.WriteAsJsonAsync(JobJson.Error(code, message), SimulatorJsonContext.Default.JsonObject, cancellationToken: context.RequestAborted);
        return status;
    }
}
