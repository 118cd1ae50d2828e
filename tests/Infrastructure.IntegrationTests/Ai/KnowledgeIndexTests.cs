using ChatClean.Infrastructure.Ai;
using ChatClean.Infrastructure.Persistence;
using ChatClean.Infrastructure.Redis;
using Microsoft.Extensions.DependencyInjection;

namespace ChatClean.Infrastructure.IntegrationTests.Ai;

/// <summary>The Lucene index with its Chinese/English analysis: the right passage for each question, and nothing for an unrelated one.</summary>
public sealed class KnowledgeIndexTests : IDisposable
{
    private static readonly Guid Returns = Guid.NewGuid();
    private static readonly Guid Shipping = Guid.NewGuid();
    private static readonly Guid Refunds = Guid.NewGuid();
    private static readonly Guid Delivery = Guid.NewGuid();

    private readonly LuceneKnowledgeIndex _index = new(new ServiceCollection().BuildServiceProvider().GetRequiredService<IServiceScopeFactory>(), new InProcessClusterBus());

    public KnowledgeIndexTests() => _index.Apply(
        [
            Record(Returns, "退货政策", "收到商品后7天内可以无理由退货，商品需保持完好。"),
            Record(Shipping, "运费说明", "订单满99元免运费，不满99元收取10元运费。"),
            Record(Refunds, "Refunds", "Refunds are issued within 5 business days after the returned item arrives."),
            Record(Delivery, "Shipping", "Shipping is free for orders over $50. Express delivery costs $15."),
        ],
        deleted: []);

    public void Dispose() => _index.Dispose();

    [Theory]
    [InlineData("怎么退货？", "退货政策")]
    [InlineData("运费多少", "运费说明")]
    [InlineData("退货要几天", "退货政策")]
    [InlineData("How long does a refund take?", "Refunds")]
    [InlineData("Is shipping free?", "Shipping")]
    [InlineData("express delivery price", "Shipping")]
    public async Task The_best_passage_answers_the_question(string question, string title)
    {
        var hits = await _index.SearchAsync(question, 3, CancellationToken.None);

        hits.ShouldNotBeEmpty();
        hits[0].Title.ShouldBe(title);
        hits[0].Coverage.ShouldBeGreaterThanOrEqualTo(0.5);
    }

    [Theory]
    [InlineData("what is the weather tomorrow")]
    [InlineData("明天天气怎么样")]
    [InlineData("how are you?")]
    public async Task An_unrelated_question_finds_nothing_relevant(string question)
    {
        var hits = await _index.SearchAsync(question, 3, CancellationToken.None);

        hits.ShouldAllBe(h => h.Coverage < 0.5);
    }

    [Fact]
    public async Task Query_syntax_in_a_question_is_just_text()
    {
        (await _index.SearchAsync("refund AND (C++ OR \"shipping", 3, CancellationToken.None)).ShouldNotBeEmpty();
        (await _index.SearchAsync("?!*", 3, CancellationToken.None)).ShouldBeEmpty();
    }

    [Fact]
    public async Task An_update_replaces_the_old_passages_and_a_deletion_removes_them()
    {
        _index.Apply([Record(Shipping, "运费说明", "所有订单一律包邮。")], deleted: []);
        (await _index.SearchAsync("满99元", 3, CancellationToken.None)).ShouldNotContain(h => h.DocumentId == Shipping && h.Coverage >= 0.5);
        (await _index.SearchAsync("包邮", 3, CancellationToken.None))[0].DocumentId.ShouldBe(Shipping);

        var deleted = Record(Refunds, "Refunds", "gone");
        deleted.DeletedAt = DateTime.UtcNow;
        _index.Apply([deleted], deleted: []);
        (await _index.SearchAsync("refund", 3, CancellationToken.None)).ShouldNotContain(h => h.DocumentId == Refunds);
        _index.PassageCount.ShouldBe(3);
    }

    private static KnowledgeDocumentRecord Record(Guid id, string title, string content) =>
        new() { Id = id, Title = title, Content = content, CreatedAt = DateTime.UtcNow, UpdatedAt = DateTime.UtcNow };
}
