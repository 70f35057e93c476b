using Json.Schema;

namespace SeedanceBot.Testing.Conformance;

/// <summary>
/// The errors worth reading in a hierarchical JSON Schema result. Where a union (<c>oneOf</c>/<c>anyOf</c>) matched no
/// shape, only the shape the body most likely meant is reported: the one whose discriminator (<c>type</c>) matched,
/// then the one that got deepest into the body, then the one with the fewest errors. A <c>oneOf</c> that matched more
/// than one shape is reported as such.
/// </summary>
internal static class SchemaErrors
{
    public static IReadOnlyList<(string Pointer, string Message)> From(EvaluationResults results) =>
        [.. Collect(results).Distinct()];

    private static IEnumerable<(string Pointer, string Message)> Collect(EvaluationResults node)
    {
        if (node.IsValid)
        {
            yield break;
        }

        foreach (var (keyword, message) in node.Errors ?? [])
        {
            yield return (node.InstanceLocation.ToString(), keyword.Length == 0 ? "this field is not allowed here" : keyword + ": " + message);
        }

        var unions = new Dictionary<string, List<EvaluationResults>>(StringComparer.Ordinal);
        foreach (var child in node.Details ?? [])
        {
            var keyword = KeywordOf(node, child);
            if (keyword is "oneOf" or "anyOf")
            {
                (unions.TryGetValue(keyword, out var list) ? list : unions[keyword] = []).Add(child);
                continue;
            }

            foreach (var error in Collect(child))
            {
                yield return error;
            }
        }

        foreach (var (keyword, branches) in unions)
        {
            var matched = branches.Count(b => b.IsValid);
            if (matched > 1 && keyword == "oneOf")
            {
                yield return (node.InstanceLocation.ToString(), $"oneOf: matches {matched} of the {branches.Count} shapes; exactly one is allowed");
            }
            else if (matched == 0)
            {
                var best = branches.OrderByDescending(Score).First();
                foreach (var error in Collect(best))
                {
                    yield return error;
                }
            }
        }
    }

    /// <summary>The keyword under which <paramref name="child"/> was evaluated (the first segment of its path below its parent's).</summary>
    private static string KeywordOf(EvaluationResults parent, EvaluationResults child)
    {
        var below = child.EvaluationPath.ToString()[parent.EvaluationPath.ToString().Length..];
        return below.Split('/', 3) is [_, var keyword, ..] ? keyword : string.Empty;
    }

    private static (int Discriminated, int Depth, int Fewest) Score(EvaluationResults branch)
    {
        var errors = Collect(branch).ToList();
        var discriminator = branch.InstanceLocation + "/type";
        var discriminated = errors.Any(e => e.Pointer == discriminator) ? 0 : 1;
        var depth = errors.Count == 0 ? 0 : errors.Max(e => e.Pointer.Count(c => c == '/'));
        return (discriminated, depth, -errors.Count);
    }
}
