namespace SeedanceBot.Core.Chat;

/// <summary>Open forms' state, durable so a form submitted after a restart still carries what was chosen.</summary>
public interface IPendingFormStore
{
    /// <summary>Stores <paramref name="form"/> and returns its key: short, unguessable, safe in a custom id.</summary>
    Task<string> SaveAsync(PendingForm form, CancellationToken cancellationToken);

    /// <summary>The form under <paramref name="key"/>, or null when unknown or expired at <paramref name="now"/>.</summary>
    Task<PendingForm?> GetAsync(string key, DateTimeOffset now, CancellationToken cancellationToken);
}
