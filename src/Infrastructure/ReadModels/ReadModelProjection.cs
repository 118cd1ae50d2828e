using ChatClean.Application.Abstractions.EventStore;
using ChatClean.Application.Conversations;
using ChatClean.Domain.Conversations;
using ChatClean.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace ChatClean.Infrastructure.ReadModels;

/// <summary>
/// Maintains every conversation read model from one pass over the log: conversations, messages, waiting
/// episodes, agent sessions and daily counts. All of them move together, so they always describe the same
/// position of the log.
/// </summary>
public sealed class ReadModelProjection : IProjection
{
    public const string Taken = "taken_over";
    public const string TimedOut = "timed_out";
    public const string Cancelled = "cancelled";
    public const string Closed = "closed";

    public string Name => "read-models";

    public async Task<ReadModelChanges> ApplyAsync(ChatCleanDbContext db, IReadOnlyList<RecordedEvent> events, CancellationToken cancellationToken)
    {
        var decoded = events
            .Where(ConversationEventSerializer.IsConversationEvent)
            .Select(e => (Record: e, Event: ConversationEventSerializer.Deserialize(e)))
            .ToArray();
        if (decoded.Length == 0)
        {
            return ReadModelChanges.None;
        }

        var ids = decoded.Select(d => d.Event.ConversationId).Distinct().ToArray();
        var page = new Page(
            db,
            await db.Conversations.Where(c => ids.Contains(c.Id)).ToDictionaryAsync(c => c.Id, cancellationToken),
            (await db.WaitingEpisodes.Where(e => ids.Contains(e.ConversationId)).ToListAsync(cancellationToken))
                .ToDictionary(e => (e.ConversationId, e.Episode)),
            (await db.AgentSessions.Where(s => ids.Contains(s.ConversationId)).ToListAsync(cancellationToken))
                .GroupBy(s => s.ConversationId).ToDictionary(g => g.Key, g => g.OrderBy(s => s.Session).ToList()));

        var days = page.Conversations.Values.Select(c => c.StartedAt.Date)
            .Concat(decoded.Select(d => d.Event).OfType<ConversationStarted>().Select(s => s.At.UtcDateTime.Date))
            .Distinct().ToArray();
        foreach (var row in await db.DailyStats.Where(d => days.Contains(d.Day)).ToListAsync(cancellationToken))
        {
            page.Days[row.Day] = row;
        }

        foreach (var (record, @event) in decoded)
        {
            if (@event is ConversationStarted started)
            {
                page.Start(started);
            }
            else if (page.Conversations.TryGetValue(@event.ConversationId, out var conversation))
            {
                page.Apply(conversation, @event, record);
            }
            else
            {
                continue;
            }

            page.Conversations[@event.ConversationId].Version = record.Revision;
        }

        return new ReadModelChanges(ids, page.Conversations.Values.Select(c => DateOnly.FromDateTime(c.StartedAt)).Distinct().ToArray());
    }

    private sealed class Page(
        ChatCleanDbContext db,
        Dictionary<Guid, ConversationRow> conversations,
        Dictionary<(Guid, int), WaitingEpisodeRow> episodes,
        Dictionary<Guid, List<AgentSessionRow>> sessions)
    {
        public Dictionary<Guid, ConversationRow> Conversations { get; } = conversations;

        public Dictionary<DateTime, DailyStatsRow> Days { get; } = [];

        public void Start(ConversationStarted e)
        {
            if (Conversations.ContainsKey(e.ConversationId))
            {
                return;
            }

            var row = new ConversationRow
            {
                Id = e.ConversationId,
                CustomerId = e.CustomerId,
                Mode = WireNames.Of(ConversationMode.Ai),
                Subject = e.Subject,
                StartedAt = e.At.UtcDateTime,
            };
            Conversations[row.Id] = row;
            db.Conversations.Add(row);
            DayOf(row).Conversations++;
        }

        public void Apply(ConversationRow c, IConversationEvent @event, RecordedEvent record)
        {
            switch (@event)
            {
                case MessagePosted e:
                    Post(c, e, record);
                    break;
                case HumanRequested e:
                    c.Mode = WireNames.Of(ConversationMode.Waiting);
                    c.CurrentEpisode = e.Episode;
                    c.WaitingReason = WireNames.Of(e.Reason);
                    c.WaitingSince = e.At.UtcDateTime;
                    c.HandoffCount++;
                    c.FirstHandoffReason ??= c.WaitingReason;
                    var episode = new WaitingEpisodeRow
                    {
                        ConversationId = c.Id,
                        Episode = e.Episode,
                        CustomerId = c.CustomerId,
                        ConversationStartedAt = c.StartedAt,
                        Reason = c.WaitingReason,
                        RequestedAt = e.At.UtcDateTime,
                    };
                    episodes[(c.Id, e.Episode)] = episode;
                    db.WaitingEpisodes.Add(episode);
                    DayOf(c).Episodes++;
                    if (c.HandoffCount == 1)
                    {
                        DayOf(c).ConversationsWithHandoff++;
                    }

                    break;
                case HumanRequestCancelled e:
                    c.Mode = WireNames.Of(ConversationMode.Ai);
                    EndEpisode(c, e.Episode, Cancelled, e.At, agentId: null);
                    break;
                case AgentTookOver e:
                    c.Mode = WireNames.Of(ConversationMode.Human);
                    c.AgentId = e.AgentId;
                    c.TakeoverCount++;
                    if (e.Episode is { } taken)
                    {
                        EndEpisode(c, taken, Taken, e.At, e.AgentId);
                    }

                    OpenSession(c, e.AgentId, "takeover", e.Episode, e.At);
                    break;
                case TimedOutToAI e:
                    c.Mode = WireNames.Of(ConversationMode.Ai);
                    EndEpisode(c, e.Episode, TimedOut, e.At, agentId: null);
                    break;
                case HumanSessionEnded e:
                    c.Mode = WireNames.Of(ConversationMode.Ai);
                    c.AgentId = null;
                    EndSession(c, "released", e.At);
                    break;
                case AgentTransferred e:
                    c.AgentId = e.ToAgentId;
                    EndSession(c, "transferred", e.At);
                    OpenSession(c, e.ToAgentId, "transfer", null, e.At);
                    break;
                case ConversationClosed e:
                    c.Mode = WireNames.Of(ConversationMode.Closed);
                    c.ClosedAt = e.At.UtcDateTime;
                    c.ClosedBy = WireNames.Of(e.ClosedBy);
                    if (e.Episode is { } waiting)
                    {
                        EndEpisode(c, waiting, Closed, e.At, agentId: null);
                    }

                    EndSession(c, "closed", e.At);
                    DayOf(c).ClosedConversations++;
                    if (c.AiMessages > 0 && c.TakeoverCount == 0)
                    {
                        DayOf(c).AiResolvedConversations++;
                    }

                    break;
                case FeedbackGiven e:
                    c.FeedbackRating = e.Rating;
                    c.FeedbackComment = e.Comment;
                    c.FeedbackAt = e.At.UtcDateTime;
                    DayOf(c).FeedbackCount++;
                    DayOf(c).FeedbackSum += e.Rating;
                    break;
            }
        }

        private void Post(ConversationRow c, MessagePosted e, RecordedEvent record)
        {
            var at = e.At.UtcDateTime;
            db.Messages.Add(new MessageRow
            {
                ConversationId = c.Id,
                Seq = record.Revision,
                MessageId = e.MessageId,
                Sender = WireNames.Of(e.Sender),
                SenderId = e.SenderId,
                Body = e.Body,
                ClientMessageId = e.ClientMessageId,
                PostedAt = at,
            });
            c.MessageCount++;
            c.LastMessageAt = at;
            var day = DayOf(c);
            switch (e.Sender)
            {
                case SenderKind.Customer:
                    c.CustomerMessages++;
                    day.CustomerMessages++;
                    if (c.FirstCustomerMessageAt is null)
                    {
                        c.FirstCustomerMessageAt = at;
                        day.ConversationsWithCustomerMessage++;
                    }

                    break;
                case SenderKind.Ai:
                    c.AiMessages++;
                    day.AiMessages++;
                    if (c.FirstCustomerMessageAt is not null)
                    {
                        c.FirstAiReplyAt ??= at;
                    }

                    break;
                case SenderKind.Agent:
                    c.AgentMessages++;
                    day.AgentMessages++;
                    if (sessions.TryGetValue(c.Id, out var list) && list[^1] is { EndedAt: null, FirstAgentMessageAt: null } session)
                    {
                        session.FirstAgentMessageAt = at;
                    }

                    // The human response time of the latest episode ends with the first agent message after its takeover.
                    if (episodes.GetValueOrDefault((c.Id, c.CurrentEpisode)) is { Outcome: Taken, FirstAgentMessageAt: null } episode)
                    {
                        episode.FirstAgentMessageAt = at;
                    }

                    break;
                default:
                    c.SystemMessages++;
                    day.SystemMessages++;
                    break;
            }
        }

        private void EndEpisode(ConversationRow c, int number, string outcome, DateTimeOffset at, Guid? agentId)
        {
            c.WaitingReason = null;
            c.WaitingSince = null;
            if (episodes.GetValueOrDefault((c.Id, number)) is not { EndedAt: null } episode)
            {
                return;
            }

            episode.EndedAt = at.UtcDateTime;
            episode.Outcome = outcome;
            episode.AgentId = agentId;
            var day = DayOf(c);
            switch (outcome)
            {
                case Taken: day.EpisodesTakenOver++; break;
                case TimedOut: day.EpisodesTimedOut++; break;
                case Cancelled: day.EpisodesCancelled++; break;
                default: day.EpisodesClosed++; break;
            }
        }

        private void OpenSession(ConversationRow c, Guid agentId, string startedBy, int? episode, DateTimeOffset at)
        {
            if (!sessions.TryGetValue(c.Id, out var list))
            {
                sessions[c.Id] = list = [];
            }

            var session = new AgentSessionRow
            {
                ConversationId = c.Id,
                Session = list.Count + 1,
                AgentId = agentId,
                ConversationStartedAt = c.StartedAt,
                StartedBy = startedBy,
                Episode = episode,
                StartedAt = at.UtcDateTime,
            };
            list.Add(session);
            db.AgentSessions.Add(session);
        }

        private void EndSession(ConversationRow c, string endedBy, DateTimeOffset at)
        {
            if (sessions.TryGetValue(c.Id, out var list) && list[^1] is { EndedAt: null } session)
            {
                session.EndedAt = at.UtcDateTime;
                session.EndedBy = endedBy;
            }
        }

        private DailyStatsRow DayOf(ConversationRow c)
        {
            var day = c.StartedAt.Date;
            if (!Days.TryGetValue(day, out var row))
            {
                Days[day] = row = new DailyStatsRow { Day = day };
                db.DailyStats.Add(row);
            }

            return row;
        }
    }
}

/// <summary>What a page of events touched: for cache invalidation after the commit.</summary>
public sealed record ReadModelChanges(IReadOnlyList<Guid> ConversationIds, IReadOnlyList<DateOnly> StartDays)
{
    public static ReadModelChanges None { get; } = new([], []);
}
