using ChatClean.Application.Abstractions.Ai;
using ChatClean.Application.Ai;

namespace ChatClean.Application.Admin;

/// <summary>A knowledge-base document as the admin API shows it, with the passages it was cut into.</summary>
public sealed record KnowledgeDocumentView(Guid Id, string Title, string Content, int Passages, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
{
    public static KnowledgeDocumentView From(KnowledgeDocument d) =>
        new(d.Id, d.Title, d.Content, KnowledgeChunker.Split(d.Content).Count, d.CreatedAt, d.UpdatedAt);
}

public sealed record KnowledgeSummaryView(Guid Id, string Title, int Length, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

[RequiresPermission(Permissions.KnowledgeManage)]
public sealed record AddKnowledgeDocumentCommand(Caller Caller, string? Title, string? Content) : ICallerRequest, ICommand<KnowledgeDocumentView>;

[RequiresPermission(Permissions.KnowledgeManage)]
public sealed record UpdateKnowledgeDocumentCommand(Caller Caller, Guid Id, string? Title, string? Content) : ICallerRequest, ICommand<KnowledgeDocumentView>;

[RequiresPermission(Permissions.KnowledgeManage)]
public sealed record DeleteKnowledgeDocumentCommand(Caller Caller, Guid Id) : ICallerRequest, ICommand<bool>;

[RequiresPermission(Permissions.KnowledgeManage)]
public sealed record ListKnowledgeDocumentsQuery(Caller Caller) : ICallerRequest, IQuery<IReadOnlyList<KnowledgeSummaryView>>;

[RequiresPermission(Permissions.KnowledgeManage)]
public sealed record GetKnowledgeDocumentQuery(Caller Caller, Guid Id) : ICallerRequest, IQuery<KnowledgeDocumentView>;

/// <summary>Retrieval as the AI sees it: the best passages for a question, with score and coverage.</summary>
[RequiresPermission(Permissions.KnowledgeManage)]
public sealed record SearchKnowledgeQuery(Caller Caller, string? Query, int Limit) : ICallerRequest, IQuery<IReadOnlyList<KnowledgePassage>>;

public static class KnowledgeLimits
{
    public const int MaxTitle = 200;
    public const int MaxContent = 100_000;
}

public sealed class AddKnowledgeDocumentValidator : AbstractValidator<AddKnowledgeDocumentCommand>
{
    public AddKnowledgeDocumentValidator()
    {
        RuleFor(c => c.Title).NotEmpty().MaximumLength(KnowledgeLimits.MaxTitle);
        RuleFor(c => c.Content).NotEmpty().MaximumLength(KnowledgeLimits.MaxContent);
    }
}

public sealed class UpdateKnowledgeDocumentValidator : AbstractValidator<UpdateKnowledgeDocumentCommand>
{
    public UpdateKnowledgeDocumentValidator()
    {
        RuleFor(c => c.Title).NotEmpty().MaximumLength(KnowledgeLimits.MaxTitle);
        RuleFor(c => c.Content).NotEmpty().MaximumLength(KnowledgeLimits.MaxContent);
    }
}

public sealed class SearchKnowledgeValidator : AbstractValidator<SearchKnowledgeQuery>
{
    public SearchKnowledgeValidator()
    {
        RuleFor(q => q.Query).NotEmpty().MaximumLength(1000);
        RuleFor(q => q.Limit).InclusiveBetween(1, 50);
    }
}

public sealed class KnowledgeHandlers(IKnowledgeStore store, IKnowledgeIndex index, TimeProvider clock) :
    ICommandHandler<AddKnowledgeDocumentCommand, KnowledgeDocumentView>,
    ICommandHandler<UpdateKnowledgeDocumentCommand, KnowledgeDocumentView>,
    ICommandHandler<DeleteKnowledgeDocumentCommand, bool>,
    IQueryHandler<ListKnowledgeDocumentsQuery, IReadOnlyList<KnowledgeSummaryView>>,
    IQueryHandler<GetKnowledgeDocumentQuery, KnowledgeDocumentView>,
    IQueryHandler<SearchKnowledgeQuery, IReadOnlyList<KnowledgePassage>>
{
    public async ValueTask<KnowledgeDocumentView> Handle(AddKnowledgeDocumentCommand command, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var document = new KnowledgeDocument(Guid.CreateVersion7(), command.Title!.Trim(), command.Content!, now, now);
        await store.AddAsync(document, cancellationToken);
        await index.DocumentChangedAsync(document.Id, cancellationToken);
        return KnowledgeDocumentView.From(document);
    }

    public async ValueTask<KnowledgeDocumentView> Handle(UpdateKnowledgeDocumentCommand command, CancellationToken cancellationToken)
    {
        if (!await store.UpdateAsync(command.Id, command.Title!.Trim(), command.Content!, clock.GetUtcNow(), cancellationToken))
        {
            throw NotFound();
        }

        await index.DocumentChangedAsync(command.Id, cancellationToken);
        return KnowledgeDocumentView.From((await store.FindAsync(command.Id, cancellationToken))!);
    }

    public async ValueTask<bool> Handle(DeleteKnowledgeDocumentCommand command, CancellationToken cancellationToken)
    {
        if (!await store.DeleteAsync(command.Id, clock.GetUtcNow(), cancellationToken))
        {
            throw NotFound();
        }

        await index.DocumentChangedAsync(command.Id, cancellationToken);
        return true;
    }

    public async ValueTask<IReadOnlyList<KnowledgeSummaryView>> Handle(ListKnowledgeDocumentsQuery query, CancellationToken cancellationToken)
    {
        var documents = await store.ListAsync(cancellationToken);
        return documents.Select(d => new KnowledgeSummaryView(d.Id, d.Title, d.Content.Length, d.CreatedAt, d.UpdatedAt)).ToArray();
    }

    public async ValueTask<KnowledgeDocumentView> Handle(GetKnowledgeDocumentQuery query, CancellationToken cancellationToken)
    {
        var document = await store.FindAsync(query.Id, cancellationToken) ?? throw NotFound();
        return KnowledgeDocumentView.From(document);
    }

    public async ValueTask<IReadOnlyList<KnowledgePassage>> Handle(SearchKnowledgeQuery query, CancellationToken cancellationToken)
    {
        return await index.SearchAsync(query.Query!, query.Limit, cancellationToken);
    }

    private static NotFoundException NotFound() => new("knowledge.not_found", "No such knowledge-base document.");
}
