import { useState } from 'preact/hooks';
import { api, ApiError } from '../shared/api';
import { t } from '../shared/i18n';
import { messageOf } from '../shared/Login';

interface Item { id: string; subject?: string | null; mode: string; startedAt: string; messageCount: number; feedbackRating?: number | null }
interface Message { seq: number; sender: string; body: string; postedAt: string }
interface AuditEvent { position: number; seq: number; type: string; recordedAt: string; metadata: { actorKind?: string; actorId?: string }; hash: string }
interface Verdict { intact: boolean; eventsChecked: number; checkpoints: number; firstBrokenPosition?: number; problem?: string }

/** Conversation search (mode, words in the messages; keyset pages), a conversation's transcript and its audit timeline. */
export function Conversations() {
  const [q, setQ] = useState('');
  const [mode, setMode] = useState('');
  const [items, setItems] = useState<Item[] | null>(null);
  const [cursor, setCursor] = useState<string | null>(null);
  const [open, setOpen] = useState<string | null>(null);
  const [transcript, setTranscript] = useState<Message[]>([]);
  const [audit, setAudit] = useState<AuditEvent[]>([]);
  const [verdict, setVerdict] = useState<Verdict | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function guard(call: () => Promise<void>) {
    setError(null);
    try {
      await call();
    } catch (e) {
      setError(e instanceof ApiError ? messageOf(e) : String(e));
    }
  }

  const search = (after: string | null) =>
    guard(async () => {
      const query = new URLSearchParams({ limit: '20' });
      if (q.trim()) query.set('q', q.trim());
      if (mode) query.set('mode', mode);
      if (after) query.set('cursor', after);
      const page = await api<{ items: Item[]; nextCursor?: string }>('GET', `/admin/conversations?${query}`);
      setItems((before) => (after && before ? [...before, ...page.items] : page.items));
      setCursor(page.nextCursor ?? null);
    });

  const show = (id: string) =>
    guard(async () => {
      setOpen(id);
      const [detail, events] = await Promise.all([
        api<{ transcript: Message[] }>('GET', `/admin/conversations/${id}`),
        api<{ items: AuditEvent[] }>('GET', `/admin/audit/conversations/${id}/events?limit=1000`),
      ]);
      setTranscript(detail.transcript);
      setAudit(events.items);
    });

  return (
    <section class="panel" aria-labelledby="conversations-title">
      <h2 id="conversations-title">{t('admin.tabConversations')}</h2>
      <form class="card search" onSubmit={(e) => { e.preventDefault(); void search(null); }}>
        <label>{t('admin.search')}<input name="q" value={q} onInput={(e) => setQ(e.currentTarget.value)} /></label>
        <label>{t('admin.mode')}
          <select value={mode} onChange={(e) => setMode(e.currentTarget.value)}>
            <option value="">{t('admin.anyMode')}</option>
            {['ai', 'waiting', 'human', 'closed'].map((m) => <option key={m} value={m}>{m}</option>)}
          </select>
        </label>
        <button type="submit" class="primary">{t('admin.find')}</button>
      </form>
      <p class="error" role="alert">{error}</p>
      <div class="split">
        <div>
          {items && items.length === 0 && <p class="muted">{t('admin.noResults')}</p>}
          <ul class="queue results">
            {items?.map((c) => (
              <li key={c.id} class={c.id === open ? 'selected' : ''}>
                <button type="button" class="item" onClick={() => void show(c.id)}>
                  <span class="subject">{c.subject || t('agent.noSubject')}</span>
                  <span class="muted">{new Date(c.startedAt).toLocaleString()} · {c.mode} · {c.messageCount}{c.feedbackRating ? ` · ★${c.feedbackRating}` : ''}</span>
                </button>
              </li>
            ))}
          </ul>
          {cursor && <button type="button" onClick={() => void search(cursor)}>{t('admin.more')}</button>}
        </div>
        {open && (
          <div class="detail">
            <h3>{t('admin.transcript')}</h3>
            <ol class="log transcript">
              {transcript.map((m) => (
                <li key={m.seq} class={`message from-${m.sender}`}>
                  <span class="sender">{t(`sender.${m.sender}` as Parameters<typeof t>[0])} · {new Date(m.postedAt).toLocaleTimeString()}</span>
                  <p class="body">{m.body === '' ? <em>{t('chat.erased')}</em> : m.body}</p>
                </li>
              ))}
            </ol>
            <h3>{t('admin.audit')}</h3>
            <table class="audit">
              <tbody>
                {audit.map((e) => (
                  <tr key={e.position}>
                    <td>{e.seq}</td>
                    <td>{new Date(e.recordedAt).toLocaleTimeString()}</td>
                    <td>{e.type}</td>
                    <td class="muted">{e.metadata.actorKind ?? '–'}</td>
                    <td class="hash" title={e.hash}>{e.hash.slice(0, 12)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <button type="button" onClick={() => void guard(async () => setVerdict(await api<Verdict>('POST', '/admin/audit/verify')))}>{t('admin.verify')}</button>
            {verdict && (
              <p role="status" class={verdict.intact ? 'ok' : 'error'}>
                {verdict.intact
                  ? t('admin.intact', { events: verdict.eventsChecked, checkpoints: verdict.checkpoints })
                  : t('admin.broken', { position: verdict.firstBrokenPosition ?? '?', problem: verdict.problem ?? '' })}
              </p>
            )}
          </div>
        )}
      </div>
    </section>
  );
}
