using System.Text;
using BenchmarkDotNet.Attributes;
using SeedanceBot.Core.Commands;

namespace SeedanceBot.Benchmarks;

/// <summary>
/// The /video text parser on inputs of the longest length it reads (<see cref="VideoRequestParser.MaxTextLength"/>):
/// shapes that made the old regular expressions quadratic against a plain prompt of the same length as the baseline.
/// A linear parser keeps every ratio near 1.
/// </summary>
[MemoryDiagnoser]
// In process: a microbenchmark of a pure function needs no separate build (which times out on a busy machine).
[InProcess]
public class ParserBenchmark
{
    private string _plain = string.Empty;
    private string _worst = string.Empty;

    private static readonly Dictionary<string, string> Shapes = new(StringComparer.Ordinal)
    {
        ["brackets"] = "[",
        ["separators"] = " | ",
        ["flags"] = "--a ",
        ["slack-links"] = "<a|",
    };

    /// <summary>What the worst-case input repeats: open brackets (the old <c>[Ns]</c> pattern), separators, flags, Slack links.</summary>
    [Params("brackets", "separators", "flags", "slack-links")]
    public string Shape { get; set; } = "brackets";

    [GlobalSetup]
    public void Setup()
    {
        _plain = Repeat("a fox walking through a snowy forest at dawn ", VideoRequestParser.MaxTextLength);
        _worst = Repeat(Shapes[Shape], VideoRequestParser.MaxTextLength);
        if (_plain.Length != _worst.Length)
        {
            throw new InvalidOperationException("The inputs must be of the same length.");
        }
    }

    [Benchmark(Baseline = true)]
    public VideoRequestParse PlainPrompt() => VideoRequestParser.ParseText(_plain);

    [Benchmark]
    public VideoRequestParse WorstCase() => VideoRequestParser.ParseText(_worst);

    private static string Repeat(string shape, int length)
    {
        var text = new StringBuilder(length + shape.Length);
        while (text.Length < length)
        {
            text.Append(shape);
        }

        text.Length = length;
        return text.ToString();
    }
}
