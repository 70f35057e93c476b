using SeedanceBot.Core.Chat;

namespace SeedanceBot.Discord.Adapter;

/// <summary>
/// Who owns an interaction's original response, decided once and kept in the store (so it holds after a restart): a
/// private answer (the handler, when Core was too slow to know before deferring, defers ephemerally and claims it) or
/// the job's public status (the platform claims it when it first shows the status, unless this process deferred the
/// response for that status: see <see cref="InteractionAcks"/>). Discord fixes a deferred response's
/// visibility at the defer, and its first follow-up takes the defer's place and flags, so the two must never share it:
/// when the answer owns it, the status goes out as a separate public follow-up after the response is filled in.
/// </summary>
internal sealed class OriginalResponses(IInteractionLedger ledger, TimeProvider time)
{
    /// <summary>Past the 15-minute token: after that the response cannot be edited anyway.</summary>
    private static readonly TimeSpan KeepFor = TimeSpan.FromMinutes(30);

    /// <summary>True when the caller now owns the response; false when the other side claimed it first.</summary>
    public Task<bool> ClaimAsync(string interactionId, CancellationToken cancellationToken) =>
        ledger.TryRecordAsync(Interactions.InteractionHandler.PlatformName, "original:" + interactionId, time.GetUtcNow() + KeepFor, cancellationToken);
}
