using ChatClean.Infrastructure.ReadModels.Search;

namespace ChatClean.Infrastructure.IntegrationTests.ReadModels;

public sealed class SearchTermsTests
{
    [Fact]
    public void Words_are_lower_cased_and_split_on_anything_but_letters_and_digits()
    {
        SearchTerms.OfText("Where is MY Invoice #A-1029? I paid.").ShouldBe(["where", "is", "my", "invoice", "a", "1029", "i", "paid"], ignoreOrder: true);
        SearchTerms.OfText("ＡＢＣ café").ShouldBe(["abc", "café"], ignoreOrder: true, "full-width letters fold to ASCII");
    }

    [Fact]
    public void Chinese_is_indexed_by_characters_and_pairs_and_searched_by_pairs()
    {
        SearchTerms.OfText("订单没到").ShouldBe(["订", "订单", "单", "单没", "没", "没到", "到"], ignoreOrder: true);
        SearchTerms.OfQuery("订单没到").ShouldBe(["订单", "单没", "没到"], ignoreOrder: true);
        SearchTerms.OfQuery("退").ShouldBe(["退"]);
        SearchTerms.OfText("我的order号").ShouldBe(["我", "我的", "的", "order", "号"], ignoreOrder: true, "a Latin word inside Chinese text is its own term");
        SearchTerms.OfText("订单没到").IsSupersetOf(SearchTerms.OfQuery("单没")).ShouldBeTrue();
    }

    [Fact]
    public void A_long_word_is_cut_the_same_way_in_text_and_query()
    {
        var word = new string('x', 100);
        SearchTerms.OfText(word).Single().Length.ShouldBe(SearchTerms.MaxLength);
        SearchTerms.OfQuery(word).ShouldBe(SearchTerms.OfText(word));
    }

    [Fact]
    public void Punctuation_alone_has_no_term()
    {
        SearchTerms.OfQuery("?! -- 🙂").ShouldBeEmpty();
    }
}
