import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { api, ApiError, sessions, type Session } from '../shared/api';
import { Header } from '../shared/Header';
import { duration, t, type Lang } from '../shared/i18n';
import { Login, messageOf } from '../shared/Login';
import { Realtime, type Frame, type Status } from '../shared/realtime';
import { empty, fold, type Timeline } from '../shared/timeline';
import { Composer, Transcript } from '../shared/Transcript';

const conversationKey = (userId: string) => `chatclean.conversation.${userId}`;

/** The customer widget: sign in or up, then one conversation at a time, live over the WebSocket. */
export function ChatApp() {
  const [session, setSession] = useState<Session | null>(sessions.current());
  const [, setLang] = useState<Lang>();
  useEffect(() => sessions.subscribe(setSession), []);
  const signedIn = session?.user.role === 'customer' ? session : null;
  return (
    <>
      <Header title={t('app.title')} session={signedIn} onLang={setLang} />
      {signedIn ? <Conversation key={signedIn.user.id} session={signedIn} /> : <main class="center"><Login allowSignUp /></main>}
    </>
  );
}

function Conversation({ session }: { session: Session }) {
  const realtime = useMemo(() => new Realtime(), []);
  const [status, setStatus] = useState<Status>('connecting');
  const [conversationId, setConversationId] = useState<string | null>(localStorage.getItem(conversationKey(session.user.id)));
  const [timeline, setTimeline] = useState<Timeline>(empty);
  const [pending, setPending] = useState<{ clientMessageId: string; body: string }[]>([]);
  const [agentTyping, setAgentTyping] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const current = useRef(conversationId);
  current.current = conversationId;

  useEffect(() => {
    const offStatus = realtime.onStatus((next) => {
      setStatus(next);
      if (next === 'open') {
        setError(null);
      }
    });
    let typingTimer: number | undefined;
    const offFrames = realtime.on((frame: Frame) => {
      if (frame.conversationId !== current.current) {
        return;
      }
      if (frame.type === 'typing' && frame.role !== 'customer') {
        setAgentTyping(Boolean(frame.isTyping));
        window.clearTimeout(typingTimer);
        typingTimer = window.setTimeout(() => setAgentTyping(false), 4000);
        return;
      }
      if (frame.type === 'message') {
        setPending((list) => list.filter((p) => p.clientMessageId !== frame.clientMessageId));
        if ((frame.sender as { kind: string }).kind === 'agent') {
          setAgentTyping(false);
        }
      }
      setTimeline((before) => fold(before, frame));
    });
    realtime.start();
    if (conversationId) {
      realtime.follow(conversationId, 0);
    }
    return () => {
      offStatus();
      offFrames();
      realtime.stop();
    };
  }, [realtime]);

  // While waiting, the queue position comes with every move of the queue; ask once for where it stands now.
  useEffect(() => {
    if (timeline.mode === 'waiting' && !timeline.queue && conversationId) {
      api<{ waiting: boolean; queue?: { position: number; queueLength: number; expectedWaitSeconds: number } }>('GET', `/conversations/${conversationId}/queue`)
        .then((answer) => answer.queue && setTimeline((before) => fold(before, { type: 'queue.position', ...answer.queue })))
        .catch(() => undefined);
    }
  }, [timeline.mode, timeline.queue, conversationId]);

  async function run(frame: Frame) {
    setError(null);
    try {
      return await realtime.request(frame);
    } catch (e) {
      setError(e instanceof ApiError ? messageOf(e) : String(e));
      return null;
    }
  }

  async function start(subject: string) {
    const id = crypto.randomUUID();
    setTimeline(empty);
    setConversationId(id);
    current.current = id;
    if (await run({ type: 'conversation.start', conversationId: id, subject: subject || undefined })) {
      localStorage.setItem(conversationKey(session.user.id), id);
      realtime.follow(id, 0, false);
    } else {
      setConversationId(null);
    }
  }

  async function send(body: string) {
    const clientMessageId = crypto.randomUUID();
    setPending((list) => [...list, { clientMessageId, body }]);
    if (!(await run({ type: 'message.send', conversationId: conversationId!, body, clientMessageId }))) {
      setPending((list) => list.filter((p) => p.clientMessageId !== clientMessageId));
    }
  }

  function leave() {
    localStorage.removeItem(conversationKey(session.user.id));
    setConversationId(null);
    setTimeline(empty);
  }

  const open = timeline.mode !== 'closed';
  return (
    <main class="chat">
      {status !== 'open' && <p class="status" role="status">{status === 'connecting' ? t('status.connecting') : t('status.closed')}</p>}
      {!conversationId ? (
        <StartForm onStart={start} />
      ) : (
        <>
          <Transcript entries={timeline.entries} streaming={timeline.streaming} pending={pending} self="customer" />
          <div class="notices" aria-live="polite">
            {timeline.mode === 'waiting' && (
              <p class="waiting">
                {timeline.queue
                  ? t('chat.waiting', { position: timeline.queue.position, length: timeline.queue.queueLength, wait: duration(timeline.queue.expectedWaitSeconds) })
                  : t('chat.waitingShort')}
              </p>
            )}
            {agentTyping && timeline.mode === 'human' && <p class="typing">{t('chat.typing')}</p>}
          </div>
          <p class="error" role="alert">{error}</p>
          {open ? (
            <>
              <Composer onSend={send} onTyping={(isTyping) => realtime.fire({ type: 'typing', conversationId: conversationId, isTyping })} typingMatters={timeline.mode === 'human'} />
              <div class="actions">
                {timeline.mode === 'ai' && <button type="button" onClick={() => run({ type: 'human.request', conversationId })}>{t('chat.askHuman')}</button>}
                {timeline.mode === 'waiting' && <button type="button" onClick={() => run({ type: 'human.cancel', conversationId })}>{t('chat.cancelHuman')}</button>}
                <button type="button" onClick={() => run({ type: 'conversation.close', conversationId })}>{t('chat.close')}</button>
              </div>
            </>
          ) : (
            <>
              {timeline.rated ? <p class="thanks">{t('chat.thanks')}</p> : <Rating onRate={(rating, comment) => run({ type: 'conversation.feedback', conversationId, rating, comment: comment || undefined })} />}
              <div class="actions"><button type="button" class="primary" onClick={leave}>{t('chat.new')}</button></div>
            </>
          )}
        </>
      )}
    </main>
  );
}

function StartForm({ onStart }: { onStart: (subject: string) => void }) {
  const [subject, setSubject] = useState('');
  return (
    <form class="card start" onSubmit={(e) => { e.preventDefault(); onStart(subject.trim()); }}>
      <label>
        {t('chat.subject')}
        <input name="subject" maxLength={200} value={subject} onInput={(e) => setSubject(e.currentTarget.value)} />
      </label>
      <button type="submit" class="primary">{t('chat.start')}</button>
    </form>
  );
}

function Rating({ onRate }: { onRate: (rating: number, comment: string) => void }) {
  const [rating, setRating] = useState(0);
  const [comment, setComment] = useState('');
  return (
    <form class="card rating" onSubmit={(e) => { e.preventDefault(); if (rating) { onRate(rating, comment.trim()); } }}>
      <fieldset>
        <legend>{t('chat.rate')}</legend>
        {[1, 2, 3, 4, 5].map((n) => (
          <label key={n} class="star">
            <input type="radio" name="rating" value={n} checked={rating === n} onChange={() => setRating(n)} />
            <span aria-hidden="true">{n <= rating ? '★' : '☆'}</span>
            <span class="visually-hidden">{t('chat.rateStar', { n })}</span>
          </label>
        ))}
      </fieldset>
      <label>
        {t('chat.comment')}
        <textarea name="comment" rows={2} maxLength={2000} value={comment} onInput={(e) => setComment(e.currentTarget.value)} />
      </label>
      <button type="submit" class="primary" disabled={!rating}>{t('chat.sendRating')}</button>
    </form>
  );
}
