namespace SeedanceBot.Testing.ModelArk;

/// <summary>How the fake ModelArk's list call writes its items (<see cref="FakeModelArk.ListShape"/>).</summary>
public enum FakeArkListShape
{
    /// <summary>
    /// The SDKs' <c>ListContentGenerationTaskItem</c> (spec §1, corrected 2026-12): a failed task's reason in
    /// <c>failure_reason</c> <c>{code, message}</c>, and no <c>resolution</c>, <c>ratio</c> or <c>duration</c>.
    /// </summary>
    ListItem,

    /// <summary>As <see cref="ListItem"/>, but <c>failure_reason</c> is the bare code string (not in the spec; a lenient reader copes).</summary>
    ListItemWithReasonAsString,

    /// <summary>Items in GET's task shape (<c>error</c>, <c>resolution</c>, <c>ratio</c>, <c>duration</c>), as the list was read before the correction.</summary>
    TaskShape,
}
