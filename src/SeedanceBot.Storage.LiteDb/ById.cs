using LiteDB;

namespace SeedanceBot.Storage.LiteDb;

/// <summary>
/// A document by its id without LiteDB parsing <c>_id = @0</c> again: <c>FindById</c> parses the expression (and maps
/// it to a LINQ tree) on every call, which was a third of the writer's time in a burst of commands. Each thread keeps
/// one parsed expression and sets its parameter for each lookup; a lookup runs to the end before it returns, so no two
/// ever share it.
/// </summary>
internal static class ById
{
    [ThreadStatic]
    private static BsonExpression? _expression;

    public static T? Find<T>(ILiteCollection<T> collection, BsonValue id)
    {
        ArgumentNullException.ThrowIfNull(collection);
        var expression = _expression ??= BsonExpression.Create("_id = @0", BsonValue.Null);
        expression.Parameters["0"] = id;
        try
        {
            return collection.FindOne(expression);
        }
        finally
        {
            expression.Parameters["0"] = BsonValue.Null;
        }
    }
}
