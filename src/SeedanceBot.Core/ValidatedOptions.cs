using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace SeedanceBot.Core;

/// <summary>
/// For objects the host builds while it starts (typed HttpClients and their pipelines): an invalid section must not
/// fail their construction, so that start-up validation reports it together with every other problem, in one message.
/// The defaults are never used for a call: the host does not start.
/// </summary>
public static class ValidatedOptions
{
    public static T ValueOrDefault<T>(this IServiceProvider services)
        where T : class, new()
    {
        try
        {
            return services.GetRequiredService<IOptions<T>>().Value;
        }
        catch (OptionsValidationException)
        {
            return new T();
        }
    }
}
