namespace SeedanceBot.Discord.Interactions;

/// <summary>What <see cref="InteractionHandler.AdmitAsync"/> decided about an incoming interaction.</summary>
internal enum InteractionAdmission
{
    /// <summary>Hand it to <see cref="InteractionHandler.HandleAsync"/>.</summary>
    Accepted,

    /// <summary>It cannot be answered (no id, token or known shape): HTTP 400; the Gateway drops it.</summary>
    Malformed,

    /// <summary>Seen before: never acted on twice.</summary>
    Replay,
}
