using ChatClean.Application.Abstractions.Ai;
using ChatClean.Application.Ai;

namespace ChatClean.Application.UnitTests;

public sealed class Reading_a_customer_message
{
    [Theory]
    [InlineData("怎么退货？", "zh")]
    [InlineData("我的订单 order 42 还没到", "zh")]
    [InlineData("How long does a refund take?", "en")]
    [InlineData("iPhone 15 退货", "zh")]
    [InlineData("12345", "en")]
    public void Tells_the_language(string text, string language) => AiTextRules.LanguageOf(text).ShouldBe(language);

    [Theory]
    [InlineData("转人工")]
    [InlineData("我要人工客服！")]
    [InlineData("I want to TALK TO A   HUMAN please")]
    [InlineData("can I speak to an agent")]
    public void Hears_a_request_for_a_person(string text) => AiTextRules.AsksForHuman(text).ShouldBeTrue();

    [Theory]
    [InlineData("怎么退货")]
    [InlineData("human resources department address")]
    [InlineData("the agent said my parcel is late")]
    public void Does_not_hear_one_where_there_is_none(string text) => AiTextRules.AsksForHuman(text).ShouldBeFalse();

    [Fact]
    public void Counts_a_chinese_character_as_a_token_and_four_other_characters_as_one() =>
        AiTextRules.TokensOf("退货abcdefgh").ShouldBe(4);
}

public sealed class Cutting_a_document_into_passages
{
    [Fact]
    public void Keeps_short_paragraphs_together_under_their_heading()
    {
        var chunks = KnowledgeChunker.Split("# Returns\nWithin 7 days.\n\nFree of charge.\n\n# Refunds\nIn 3 days.");

        chunks.ShouldBe(["Returns\nWithin 7 days.\nFree of charge.", "Refunds\nIn 3 days."]);
    }

    [Fact]
    public void Cuts_long_text_at_sentence_ends_and_repeats_the_heading()
    {
        var sentence = string.Concat(Enumerable.Repeat("收到商品后七天内可以无理由退货。", 60));
        var chunks = KnowledgeChunker.Split("# 退货\n" + sentence, maxChars: 200);

        chunks.Count.ShouldBeGreaterThan(4);
        chunks.ShouldAllBe(c => c.Length <= 200 && c.StartsWith("退货\n", StringComparison.Ordinal));
        chunks.ShouldAllBe(c => c.EndsWith('。'));
        string.Concat(chunks.Select(c => c["退货\n".Length..])).ShouldBe(sentence);
    }

    [Fact]
    public void Gives_nothing_for_blank_text() => KnowledgeChunker.Split(" \n\n ").ShouldBeEmpty();
}

public sealed class Building_the_prompt
{
    private static readonly KnowledgePassage Passage = new(Guid.NewGuid(), "Refunds", 0, "Refunds take 5 days.", 2.1, 1);

    [Fact]
    public void Puts_instructions_passages_and_language_in_the_system_prompt()
    {
        var prompt = PromptBuilder.Build(new AiOptions { SystemPrompt = "Be kind." }, [new(AiRole.Customer, "退款要多久")], [Passage], "zh");

        prompt.System.ShouldStartWith("Be kind.");
        prompt.System.ShouldContain("Answer in Chinese");
        prompt.System.ShouldContain("[Refunds]\nRefunds take 5 days.");
        prompt.Turns.ShouldBe([new AiTurn(AiRole.Customer, "退款要多久")]);
    }

    [Fact]
    public void Keeps_the_newest_turns_that_fit_the_budget_and_always_the_question()
    {
        AiTurn[] history =
        [
            new(AiRole.Customer, new string('a', 400)), // 100 tokens
            new(AiRole.Assistant, new string('b', 400)),
            new(AiRole.Customer, new string('c', 400)),
        ];

        PromptBuilder.Build(new AiOptions { HistoryTokenBudget = 250 }, history, [], "en").Turns.ShouldBe(history[1..]);
        PromptBuilder.Build(new AiOptions { HistoryTokenBudget = 10 }, history, [], "en").Turns.ShouldBe([history[2]]);
    }
}

public sealed class The_knowledge_base_answer
{
    [Fact]
    public void Quotes_the_relevant_passages_and_names_their_sources()
    {
        KnowledgePassage[] passages =
        [
            new(Guid.NewGuid(), "退货政策", 0, "七天无理由退货。", 2.0, 1.0),
            new(Guid.NewGuid(), "运费", 0, "满99元包邮。", 1.0, 0.2),
        ];

        var answer = KnowledgeAnswer.Compose(passages, "zh", minCoverage: 0.5);

        answer.Confident.ShouldBeTrue();
        answer.Text.ShouldContain("七天无理由退货。");
        answer.Text.ShouldNotContain("满99元包邮");
        answer.Text.ShouldEndWith("来源：退货政策");
    }

    [Fact]
    public void Says_when_nothing_is_relevant_and_offers_a_person()
    {
        var answer = KnowledgeAnswer.Compose([new(Guid.NewGuid(), "Shipping", 0, "Free over $50.", 0.4, 0.25)], "en", minCoverage: 0.5);

        answer.Confident.ShouldBeFalse();
        answer.Text.ShouldContain("could not find");
        answer.Text.ShouldContain("human agent");
    }
}

public sealed class Interrupting_replies
{
    [Fact]
    public void A_takeover_stops_every_reply_of_the_conversation_and_no_other()
    {
        var interrupts = new ReplyInterrupts();
        var conversation = Guid.NewGuid();
        using var first = interrupts.Begin(conversation, 2, CancellationToken.None);
        using var other = interrupts.Begin(Guid.NewGuid(), 2, CancellationToken.None);

        interrupts.Interrupt(conversation);

        first.Token.IsCancellationRequested.ShouldBeTrue();
        other.Token.IsCancellationRequested.ShouldBeFalse();
    }

    [Fact]
    public void A_newer_customer_message_stops_only_the_replies_to_older_ones()
    {
        var interrupts = new ReplyInterrupts();
        var conversation = Guid.NewGuid();
        using var older = interrupts.Begin(conversation, 2, CancellationToken.None);
        using var newer = interrupts.Begin(conversation, 4, CancellationToken.None);

        interrupts.Interrupt(conversation, beforeSeq: 4);

        older.Token.IsCancellationRequested.ShouldBeTrue();
        newer.Token.IsCancellationRequested.ShouldBeFalse();
    }
}
