namespace SeedanceBot.Benchmarks;

/// <summary>One read of <c>/proc/&lt;pid&gt;/status</c>, in MB.</summary>
/// <param name="Rss">VmRSS: everything resident.</param>
/// <param name="Anonymous">RssAnon: the GC heap, stacks, native allocations.</param>
/// <param name="Files">RssFile: mapped images (the runtime, the framework's and the bot's assemblies).</param>
/// <param name="Shared">RssShmem: the runtime's double-mapped executable memory (JIT code, stubs; W^X).</param>
/// <param name="Peak">VmHWM: the highest VmRSS so far.</param>
internal sealed record MemoryReading(double Rss, double Anonymous, double Files, double Shared, double Peak);
