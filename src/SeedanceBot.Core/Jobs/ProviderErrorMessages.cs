using SeedanceBot.Core.Video;

namespace SeedanceBot.Core.Jobs;

/// <summary>Turns a provider failure into words for the person who asked. Never echoes secrets or raw responses.</summary>
public static class ProviderErrorMessages
{
    public static string ForUser(VideoProviderException failure)
    {
        ArgumentNullException.ThrowIfNull(failure);
        return failure.Kind switch
        {
            VideoProviderErrorKind.InvalidRequest when failure.FieldErrors.Count > 0 =>
                "The video API refused the request: " + string.Join("; ", failure.FieldErrors.Select(f => $"{f.Field}: {f.Message}")) + ".",
            VideoProviderErrorKind.InvalidRequest => "The video API refused the request as invalid.",
            VideoProviderErrorKind.ContentRejected => "The video API's content policy declined this prompt. Try rephrasing it.",
            VideoProviderErrorKind.Unauthorized => "The bot's video API key was refused; an admin has to fix the configuration.",
            VideoProviderErrorKind.InsufficientCredit => "The video account is out of credit; an admin has to top it up.",
            VideoProviderErrorKind.ModelNotActivated => "The video model is not activated on the bot's account; an admin has to activate it in the provider's console.",
            VideoProviderErrorKind.NotFound => "The video API lost track of this job.",
            VideoProviderErrorKind.RateLimited => "The video API is busy; please try again in a few minutes.",
            _ => "The video API is not responding right now; please try again later.",
        };
    }

    public static string ForJobError(VideoJobError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return error.IsContentRejection
            ? "The video API's content policy declined this prompt or its result. Try rephrasing it."
            : $"The video API could not generate it ({error.Message.TrimEnd('.')}).";
    }
}
