using System.Text.RegularExpressions;

namespace ChatClean.Plugins.BuiltIn;

/// <summary>
/// Masks personal data in messages before they are stored: email addresses (<c>a***@example.com</c>), payment card
/// numbers that pass the Luhn check (<c>**** **** **** 1234</c>) and phone numbers, Chinese mobiles and international
/// or local numbers of 7 to 15 digits (all but the last four digits become <c>*</c>). Settings
/// <c>Plugins:PersonalDataMasker:Emails</c>, <c>Cards</c>, <c>Phones</c> (each <c>true</c> by default).
/// </summary>
public sealed partial class PersonalDataMasker(PluginSettings settings) : IMessageFilter
{
    public const string PluginName = nameof(PersonalDataMasker);

    private readonly bool _emails = settings["Emails"] is not "false";
    private readonly bool _cards = settings["Cards"] is not "false";
    private readonly bool _phones = settings["Phones"] is not "false";

    public string Name => PluginName;

    public ValueTask<MessageVerdict> BeforeStoreAsync(MessageDraft message, CancellationToken cancellationToken)
    {
        var text = message.Text;
        if (_emails)
        {
            text = Email().Replace(text, m => m.Groups["first"].Value + "***@" + m.Groups["domain"].Value);
        }

        if (_cards)
        {
            text = Card().Replace(text, m => Luhn(Digits(m.Value)) ? "**** **** **** " + Digits(m.Value)[^4..] : m.Value);
        }

        if (_phones)
        {
            text = Phone().Replace(text, m => MaskDigits(m.Value));
        }

        return ValueTask.FromResult(text == message.Text ? MessageVerdict.Accept : MessageVerdict.Rewrite(text));
    }

    private static string Digits(string text) => new(text.Where(char.IsAsciiDigit).ToArray());

    /// <summary>Every digit but the last four becomes <c>*</c>; separators stay.</summary>
    private static string MaskDigits(string text)
    {
        var keep = 4;
        var chars = text.ToCharArray();
        for (var i = chars.Length - 1; i >= 0; i--)
        {
            if (char.IsAsciiDigit(chars[i]) && keep-- <= 0)
            {
                chars[i] = '*';
            }
        }

        return new string(chars);
    }

    private static bool Luhn(string digits)
    {
        var sum = 0;
        for (var i = 0; i < digits.Length; i++)
        {
            var digit = digits[digits.Length - 1 - i] - '0';
            sum += i % 2 == 1 ? (digit * 2 > 9 ? (digit * 2) - 9 : digit * 2) : digit;
        }

        return sum % 10 == 0;
    }

    [GeneratedRegex(@"(?<first>[A-Za-z0-9])[A-Za-z0-9._%+-]*@(?<domain>[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+)", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
    private static partial Regex Email();

    /// <summary>13 to 19 digits, in groups split by single spaces or dashes.</summary>
    [GeneratedRegex(@"(?<![\d*][ -]?)\d(?:[ -]?\d){12,18}(?![ -]?\d)", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
    private static partial Regex Card();

    /// <summary>An optional + and country code, then 7 to 15 digits with spaces, dashes, dots or brackets between them.</summary>
    [GeneratedRegex(@"(?<![\d*+][ .-]?)(?:\+\d{1,3}[ .-]?)?(?:\(\d{1,4}\)[ .-]?)?\d(?:[ .-]?\d){6,14}(?![ .-]?\d)", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
    private static partial Regex Phone();
}
