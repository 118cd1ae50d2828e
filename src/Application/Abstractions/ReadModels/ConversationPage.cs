namespace ChatClean.Application.Abstractions.ReadModels;

/// <summary>One keyset page of conversations, newest first; <see cref="NextCursor"/> is null on the last page.</summary>
public sealed record ConversationPage(IReadOnlyList<ConversationListItem> Items, string? NextCursor);
