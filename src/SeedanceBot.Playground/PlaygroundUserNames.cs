using System.Globalization;
using System.Text;

namespace SeedanceBot.Playground;

/// <summary>
/// The names people give themselves in the page. Anyone may type any name (it is a local chat), but not the bot's: not
/// "SeedanceBot", nor a name that would look like it (other case, spaces, invisible characters, look-alike letters).
/// </summary>
internal static class PlaygroundUserNames
{
    public const int MaxLength = 40;
    public const string Default = "you";

    private static readonly string BotSkeleton = Skeleton(PlaygroundPlatform.BotAuthor);

    /// <summary>The name to store, or an error to answer with.</summary>
    public static (string? Name, string? Error) Check(string? raw)
    {
        var name = raw?.Trim() ?? string.Empty;
        if (name.Length == 0)
        {
            return (Default, null);
        }

        if (name.Length > MaxLength)
        {
            return (null, $"A user name has at most {MaxLength} characters.");
        }

        foreach (var rune in name.EnumerateRunes())
        {
            // A lone surrogate reads as U+FFFD.
            if (rune == Rune.ReplacementChar || Rune.IsControl(rune) || Rune.GetUnicodeCategory(rune) is UnicodeCategory.Format)
            {
                return (null, "A user name may not hold control or invisible characters.");
            }
        }

        name = name.Normalize(NormalizationForm.FormC);
        return Skeleton(name).Contains(BotSkeleton, StringComparison.Ordinal)
            ? (null, $"'{PlaygroundPlatform.BotAuthor}' is the bot's name; pick another user name.")
            : (name, null);
    }

    /// <summary>
    /// What a name looks like, roughly (after Unicode's confusables idea): compatibility forms folded (fullwidth,
    /// ligatures), accents, invisible characters, spaces and punctuation dropped, lower case, and letters that look like
    /// Latin ones (Cyrillic, Greek, digits) read as those.
    /// </summary>
    internal static string Skeleton(string name)
    {
        var folded = name.Normalize(NormalizationForm.FormKD);
        var skeleton = new StringBuilder(folded.Length);
        foreach (var c in folded)
        {
            if (char.GetUnicodeCategory(c) is UnicodeCategory.NonSpacingMark or UnicodeCategory.EnclosingMark or UnicodeCategory.Format)
            {
                continue;
            }

            var lower = char.ToLowerInvariant(c);
            var latin = LookAlike(lower);
            if (char.IsLetterOrDigit(latin))
            {
                skeleton.Append(latin);
            }
        }

        return skeleton.ToString();
    }

    /// <summary>Cyrillic, Greek and Armenian letters (and digits, signs) that pass for a Latin letter in most fonts.</summary>
    private static char LookAlike(char c) => c switch
    {
        'а' or 'α' or '@' => 'a',
        'в' or 'β' or 'ь' or 'ъ' or '8' => 'b',
        'с' or 'ϲ' => 'c',
        'ԁ' or 'ժ' => 'd',
        'е' or 'ё' or 'є' or 'ε' or '3' => 'e',
        'һ' => 'h',
        'і' or 'ї' or 'ι' or 'ı' or '1' or '!' => 'i',
        'ј' => 'j',
        'к' or 'κ' => 'k',
        'м' => 'm',
        'п' or 'η' or 'ո' => 'n',
        'о' or 'ο' or 'σ' or 'օ' or '0' => 'o',
        'р' or 'ρ' => 'p',
        'ѕ' or '5' or '$' => 's',
        'т' or 'τ' or '7' => 't',
        'υ' or 'ս' => 'u',
        'ν' => 'v',
        'х' or 'χ' => 'x',
        'у' or 'γ' => 'y',
        _ => c,
    };
}
