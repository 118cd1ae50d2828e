using ChatClean.Plugins;
using ChatClean.Plugins.BuiltIn;

namespace ChatClean.Infrastructure.IntegrationTests.Plugins;

/// <summary>The two shipped plugins as pure logic: what they let through, rewrite and refuse.</summary>
public sealed class BuiltInPluginTests
{
    private static readonly Guid Conversation = Guid.NewGuid();

    [Theory]
    [InlineData("你这个笨蛋", "你这个**")]
    [InlineData("You IDIOT, really", "You *****, really")]
    [InlineData("a classic classroom assignment", "a classic classroom assignment")]
    [InlineData("what an ass.", "what an ***.")]
    [InlineData("傻瓜和idiot", "**和*****")]
    public async Task The_word_filter_masks_listed_words_in_chinese_and_english(string text, string stored)
    {
        var filter = new SensitiveWordFilter(Settings(("Words:0", "笨蛋"), ("Words:1", "idiot"), ("Words:2", "ass"), ("Words:3", "傻瓜")));

        (await TextAfterAsync(filter, text)).ShouldBe(stored);
    }

    [Fact]
    public async Task The_word_filter_in_reject_mode_refuses_and_lets_clean_text_through()
    {
        var filter = new SensitiveWordFilter(Settings(("Words:0", "笨蛋"), ("Mode", "reject")));

        (await filter.BeforeStoreAsync(Draft("别说笨蛋"), default)).ShouldBeOfType<MessageVerdict.Rejected>();
        (await filter.BeforeStoreAsync(Draft("谢谢你"), default)).ShouldBe(MessageVerdict.Accept);
    }

    [Fact]
    public void A_bad_mode_is_refused_naming_the_key() =>
        Should.Throw<ArgumentException>(() => new SensitiveWordFilter(Settings(("Mode", "shout")))).Message.ShouldContain("Plugins:SensitiveWordFilter:Mode");

    [Theory]
    [InlineData("write to alice.smith@example.com please", "write to a***@example.com please")]
    [InlineData("card 4111 1111 1111 1111 exp 12/29", "card **** **** **** 1111 exp 12/29")]
    [InlineData("card 4111-1111-1111-1112 is not a card", "card 4111-1111-1111-1112 is not a card")]
    [InlineData("call 13812345678", "call *******5678")]
    [InlineData("call +44 7700 900123 now", "call +** **** **0123 now")]
    [InlineData("order 2024 of 3 items", "order 2024 of 3 items")]
    [InlineData("我的手机是138-1234-5678，邮箱wang@example.cn", "我的手机是***-****-5678，邮箱w***@example.cn")]
    public async Task The_masker_hides_emails_cards_and_phones(string text, string stored)
    {
        var masker = new PersonalDataMasker(PluginSettings.Empty);

        (await TextAfterAsync(masker, text)).ShouldBe(stored);
    }

    [Fact]
    public async Task The_masker_can_leave_a_kind_alone()
    {
        var masker = new PersonalDataMasker(Settings(("Phones", "false")));

        (await TextAfterAsync(masker, "13812345678 bob@example.com")).ShouldBe("13812345678 b***@example.com");
    }

    private static async Task<string> TextAfterAsync(IMessageFilter filter, string text) =>
        await filter.BeforeStoreAsync(Draft(text), default) switch
        {
            MessageVerdict.Rewritten rewritten => rewritten.Text,
            MessageVerdict.Accepted => text,
            var other => throw new InvalidOperationException($"unexpected {other}"),
        };

    private static MessageDraft Draft(string text) => new(Conversation, "customer", Guid.NewGuid(), text);

    private static PluginSettings Settings(params (string Key, string Value)[] values) =>
        new(values.ToDictionary(v => v.Key, v => (string?)v.Value, StringComparer.OrdinalIgnoreCase));
}
