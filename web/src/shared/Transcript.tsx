import { useEffect, useRef, useState } from 'preact/hooks';
import { t } from './i18n';
import type { Entry, Sender } from './timeline';

/** A conversation's messages and notices in seq order, then the caller's messages on their way and the AI's replies being written. */
export function Transcript({ entries, streaming, pending, self, selfId }: {
  entries: Entry[];
  streaming: Record<string, string>;
  pending: { clientMessageId: string; body: string }[];
  self: Sender;
  /** The signed-in user: of several agents in a conversation, only their own messages are "you". */
  selfId?: string;
}) {
  const mine = (e: Entry) => e.sender === self && (selfId === undefined || e.senderId === selfId);
  const end = useRef<HTMLLIElement>(null);
  useEffect(() => end.current?.scrollIntoView?.({ block: 'end' }), [entries.length, streaming, pending.length]);
  return (
    <ol class="log" role="log" aria-live="polite" aria-label={t('chat.log')}>
      {entries.map((e) =>
        e.kind === 'notice' ? (
          <li key={e.seq} class="notice">{t(e.body as Parameters<typeof t>[0])}</li>
        ) : (
          <li key={e.seq} class={`message from-${e.sender}${mine(e) ? ' mine' : ''}`} data-seq={e.seq}>
            <span class="sender">{mine(e) ? t('sender.you') : t(`sender.${e.sender!}`)}</span>
            <p class="body">{e.body === '' ? <em>{t('chat.erased')}</em> : e.body}</p>
          </li>
        ),
      )}
      {pending.map((p) => (
        <li key={p.clientMessageId} class={`message from-${self} mine pending`}>
          <span class="sender">{t('sender.you')}</span>
          <p class="body">{p.body}</p>
          <span class="meta">{t('chat.sending')}</span>
        </li>
      ))}
      {Object.entries(streaming).map(([replyId, text]) => (
        <li key={replyId} class="message from-ai streaming" aria-busy="true">
          <span class="sender">{t('sender.ai')}</span>
          <p class="body">{text}</p>
        </li>
      ))}
      <li ref={end} class="end" aria-hidden="true" />
    </ol>
  );
}

/** The message box: Enter sends, Shift+Enter breaks the line; typing is announced at most once a second. */
export function Composer({ onSend, onTyping, typingMatters }: { onSend: (body: string) => void; onTyping: (isTyping: boolean) => void; typingMatters: boolean }) {
  const [body, setBody] = useState('');
  const lastTyping = useRef(0);
  function submit(event: Event) {
    event.preventDefault();
    const text = body.trim();
    if (text) {
      onSend(text);
      setBody('');
    }
  }
  return (
    <form class="composer" onSubmit={submit}>
      <label class="visually-hidden" for="message">{t('chat.placeholder')}</label>
      <textarea
        id="message"
        name="message"
        rows={2}
        maxLength={4000}
        placeholder={t('chat.placeholder')}
        value={body}
        onInput={(e) => {
          setBody(e.currentTarget.value);
          if (typingMatters && Date.now() - lastTyping.current > 1000) {
            lastTyping.current = Date.now();
            onTyping(true);
          }
        }}
        onKeyDown={(e) => { if (e.key === 'Enter' && !e.shiftKey) { submit(e); } }}
      />
      <button type="submit" class="primary">{t('chat.send')}</button>
    </form>
  );
}

