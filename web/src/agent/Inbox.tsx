import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { api, ApiError, type Session } from '../shared/api';
import { duration, t } from '../shared/i18n';
import { messageOf } from '../shared/Login';
import { Realtime, type Frame, type Status } from '../shared/realtime';
import { empty, fold, type Timeline } from '../shared/timeline';
import { Composer, Transcript } from '../shared/Transcript';

interface Waiting {
  conversationId: string;
  subject?: string | null;
  reason: string;
  waitingSince: string;
}

interface Held {
  id: string;
  subject?: string | null;
  mode: string;
  agentId?: string | null;
}

/** The agent inbox: the waiting queue live, the conversations this agent holds, and the one open on the right. */
export function Inbox({ session }: { session: Session }) {
  const realtime = useMemo(() => new Realtime(), []);
  const [status, setStatus] = useState<Status>('connecting');
  const [queue, setQueue] = useState<Waiting[]>([]);
  const [held, setHeld] = useState<Held[]>([]);
  const [subjects, setSubjects] = useState<Record<string, string | null | undefined>>({});
  const removed = useRef(new Set<string>());
  const [open, setOpen] = useState<string | null>(null);
  const [timelines, setTimelines] = useState<Record<string, Timeline>>({});
  const [pending, setPending] = useState<{ clientMessageId: string; body: string }[]>([]);
  const [customerTyping, setCustomerTyping] = useState(false);
  const [presence, setPresence] = useState<'online' | 'away'>('online');
  const [colleagues, setColleagues] = useState<{ agentId: string; displayName?: string | null; status: string }[]>([]);
  const [transferTo, setTransferTo] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [, tick] = useState(0);
  const openRef = useRef(open);
  openRef.current = open;

  // The lists come from the read models, which may be a moment behind the frames: what the frames said wins.
  const loadQueue = () =>
    api<Waiting[]>('GET', '/agent/queue')
      .then((list) => {
        setSubjects((all) => ({ ...all, ...Object.fromEntries(list.map((w) => [w.conversationId, w.subject])) }));
        setQueue(list.filter((w) => !removed.current.has(w.conversationId)));
      })
      .catch(() => undefined);
  const loadMine = () =>
    api<Held[] | { items: Held[] }>('GET', '/conversations')
      .then((answer) => {
        const list = Array.isArray(answer) ? answer : answer.items;
        setSubjects((all) => ({ ...all, ...Object.fromEntries(list.map((c) => [c.id, c.subject])) }));
        setHeld(list.filter((c) => c.mode === 'human' && c.agentId === session.user.id));
      })
      .catch(() => undefined);
  const dropFromQueue = (id: string) => {
    removed.current.add(id);
    setQueue((list) => list.filter((w) => w.conversationId !== id));
  };

  useEffect(() => {
    const offStatus = realtime.onStatus((next) => {
      setStatus(next);
      if (next === 'open') {
        setError(null);
        void loadQueue();
        void loadMine();
      }
    });
    let typingTimer: number | undefined;
    const offFrames = realtime.on((frame: Frame) => {
      if (frame.type === 'queue.updated') {
        if (frame.change === 'removed') {
          dropFromQueue(String(frame.conversationId));
        } else {
          removed.current.delete(String(frame.conversationId));
          void loadQueue();
        }
        return;
      }
      const id = frame.conversationId;
      if (!id) {
        return;
      }
      if (frame.type === 'typing') {
        if (id === openRef.current && frame.role === 'customer') {
          setCustomerTyping(Boolean(frame.isTyping));
          window.clearTimeout(typingTimer);
          typingTimer = window.setTimeout(() => setCustomerTyping(false), 4000);
        }
        return;
      }
      if (frame.type === 'message') {
        setPending((list) => list.filter((p) => p.clientMessageId !== frame.clientMessageId));
      }
      if (frame.type === 'conversation.state' && (frame.event === 'HumanSessionEnded' || frame.event === 'ConversationClosed' || frame.event === 'AgentTransferred')) {
        void loadMine();
      }
      setTimelines((all) => ({ ...all, [id]: fold(all[id] ?? empty, frame) }));
    });
    const clock = window.setInterval(() => tick((n) => n + 1), 1000);
    // The lists are read from the read models, which may not yet hold a change whose frame went out before this
    // socket connected (on several nodes, up to a poll interval): read them again every few seconds.
    const refresh = window.setInterval(() => {
      if (realtime.status === 'open') {
        void loadQueue();
        void loadMine();
      }
    }, 5000);
    realtime.start();
    return () => {
      offStatus();
      offFrames();
      window.clearInterval(clock);
      window.clearInterval(refresh);
      realtime.stop();
    };
  }, [realtime]);

  async function run(frame: Frame) {
    setError(null);
    try {
      return await realtime.request(frame);
    } catch (e) {
      setError(e instanceof ApiError ? messageOf(e) : String(e));
      return null;
    }
  }

  function show(id: string) {
    setOpen(id);
    api<{ agentId: string; displayName?: string | null; status: string }[]>('GET', '/agent/presence')
      .then((present) => {
        const others = present.filter((p) => p.agentId !== session.user.id);
        setColleagues(others);
        setTransferTo(others[0]?.agentId ?? '');
      })
      .catch(() => undefined);
    setCustomerTyping(false);
    realtime.follow(id, 0);
  }

  async function takeOver(id: string) {
    dropFromQueue(id);
    if (await run({ type: 'conversation.takeover', conversationId: id })) {
      show(id);
    }
    await loadMine();
  }

  async function send(body: string) {
    const clientMessageId = crypto.randomUUID();
    setPending((list) => [...list, { clientMessageId, body }]);
    if (!(await run({ type: 'message.send', conversationId: open!, body, clientMessageId }))) {
      setPending((list) => list.filter((p) => p.clientMessageId !== clientMessageId));
    }
  }

  // Mine: what the read models say, corrected by every conversation whose frames this inbox has seen.
  const me = session.user.id;
  const mineIds = new Set(held.map((c) => c.id));
  for (const [id, seen] of Object.entries(timelines)) {
    if (seen.mode === 'human' && seen.agentId === me) {
      mineIds.add(id);
    } else if (seen.entries.length > 0) {
      mineIds.delete(id);
    }
  }
  const mine = [...mineIds].map((id) => ({ id, subject: subjects[id] }));
  const timeline = open ? timelines[open] ?? empty : null;
  const holding = open !== null && timeline?.mode === 'human' && timeline.agentId === me;
  return (
    <main class="inbox">
      <aside class="lists" aria-label={t('agent.queue')}>
        {status !== 'open' && <p class="status" role="status">{status === 'connecting' ? t('status.connecting') : t('status.closed')}</p>}
        <label class="presence">
          {t('agent.status')}
          <select value={presence} onChange={(e) => { const next = e.currentTarget.value as 'online' | 'away'; setPresence(next); void run({ type: 'presence', status: next }); }}>
            <option value="online">{t('agent.online')}</option>
            <option value="away">{t('agent.away')}</option>
          </select>
        </label>
        <h2>{t('agent.queue')} <span class="count">{queue.length}</span></h2>
        {queue.length === 0 ? <p class="muted">{t('agent.queueEmpty')}</p> : (
          <ul class="queue">
            {queue.map((w) => (
              <li key={w.conversationId} class={w.conversationId === open ? 'selected' : ''}>
                <button type="button" class="item" onClick={() => show(w.conversationId)}>
                  <span class="subject">{w.subject || t('agent.noSubject')}</span>
                  <span class="muted">{t('agent.waited', { time: duration((Date.now() - Date.parse(w.waitingSince)) / 1000) })}</span>
                </button>
                <button type="button" class="primary" onClick={() => takeOver(w.conversationId)}>{t('agent.takeOver')}</button>
              </li>
            ))}
          </ul>
        )}
        <h2>{t('agent.mine')} <span class="count">{mine.length}</span></h2>
        {mine.length === 0 ? <p class="muted">{t('agent.mineEmpty')}</p> : (
          <ul class="queue">
            {mine.map((c) => (
              <li key={c.id} class={c.id === open ? 'selected' : ''}>
                <button type="button" class="item" onClick={() => show(c.id)}><span class="subject">{c.subject || t('agent.noSubject')}</span></button>
              </li>
            ))}
          </ul>
        )}
      </aside>
      <section class="conversation" aria-live="polite">
        <p class="error" role="alert">{error}</p>
        {!open || !timeline ? <p class="muted">{t('agent.pick')}</p> : (
          <>
            <h2 class="subject">{subjects[open] || t('agent.noSubject')}</h2>
            <Transcript entries={timeline.entries} streaming={timeline.streaming} pending={pending} self="agent" selfId={me} />
            {customerTyping && <p class="typing">{t('agent.customerTyping')}</p>}
            {holding && (
              <>
                <Composer onSend={send} onTyping={(isTyping) => realtime.fire({ type: 'typing', conversationId: open, isTyping })} typingMatters />
                <div class="actions">
                  <button type="button" onClick={async () => { await run({ type: 'conversation.release', conversationId: open }); await loadMine(); }}>{t('agent.release')}</button>
                  <button type="button" onClick={async () => { await run({ type: 'conversation.close', conversationId: open }); await loadMine(); }}>{t('agent.close')}</button>
                </div>
                <form class="actions transfer" onSubmit={async (e) => { e.preventDefault(); if (transferTo) { await run({ type: 'conversation.transfer', conversationId: open, toAgentId: transferTo }); await loadMine(); } }}>
                  <label class="inline">
                    {t('agent.transferTo')}
                    <select value={transferTo} onChange={(e) => setTransferTo(e.currentTarget.value)} disabled={colleagues.length === 0}>
                      {colleagues.length === 0 && <option value="">{t('agent.nobodyElse')}</option>}
                      {colleagues.map((c) => <option key={c.agentId} value={c.agentId}>{c.displayName ?? c.agentId}{c.status === 'away' ? ` (${t('agent.away')})` : ''}</option>)}
                    </select>
                  </label>
                  <button type="submit" disabled={!transferTo}>{t('agent.transfer')}</button>
                </form>
              </>
            )}
            {timeline.mode === 'waiting' && (
              <div class="actions"><button type="button" class="primary" onClick={() => takeOver(open)}>{t('agent.takeOver')}</button></div>
            )}
          </>
        )}
      </section>
    </main>
  );
}
