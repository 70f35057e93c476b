using Microsoft.Extensions.Logging;

namespace SeedanceBot.Storage.Postgres;

/// <summary>The PostgreSQL store's log events (3100-3199 of Storage's 3000s). Targets are described without the password.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 3101, EventName = "PostgresSchemaReady", Level = LogLevel.Information, Message = "PostgreSQL {Target}: schema at version {Version}")]
    public static partial void SchemaReady(ILogger logger, string target, int version);

    [LoggerMessage(EventId = 3102, EventName = "PostgresSchemaMigrated", Level = LogLevel.Information, Message = "PostgreSQL {Target}: schema migrated from version {From} to {To}")]
    public static partial void SchemaMigrated(ILogger logger, string target, int from, int to);

    [LoggerMessage(EventId = 3103, EventName = "PostgresLedgerPruned", Level = LogLevel.Debug, Message = "PostgreSQL: {Count} expired interaction ledger entries removed")]
    public static partial void LedgerPruned(ILogger logger, int count);
}
