// What the customer sees of a conversation, folded from the frames of docs/websocket-protocol.md: messages and
// notices in seq order, the mode, the AI replies being written, the queue position. Pure: easy to follow and test.

import type { Frame } from './realtime';

export type Sender = 'customer' | 'ai' | 'agent' | 'system';
export type Mode = 'ai' | 'waiting' | 'human' | 'closed';

export interface Entry {
  seq: number;
  kind: 'message' | 'notice';
  sender?: Sender;
  senderId?: string | null;
  body: string;
  clientMessageId?: string;
  messageId?: string;
  at: string;
}

export interface Queue {
  position: number;
  queueLength: number;
  expectedWaitSeconds: number;
}

export interface Timeline {
  entries: Entry[];
  mode: Mode;
  /** The agent holding the conversation (human mode), from the last state frame. */
  agentId: string | null;
  /** The seq of the newest state frame folded: an older one (history arriving after it) does not change the mode. */
  stateSeq: number;
  rated: boolean;
  streaming: Record<string, string>;
  queue: Queue | null;
}

export const empty: Timeline = { entries: [], mode: 'ai', agentId: null, stateSeq: 0, rated: false, streaming: {}, queue: null };

const notices: Record<string, string> = {
  AgentTookOver: 'chat.agentJoined',
  AgentTransferred: 'chat.transferred',
  TimedOutToAI: 'chat.backToAi',
  HumanSessionEnded: 'chat.backToAi',
  HumanRequestCancelled: 'chat.backToAi',
  ConversationClosed: 'chat.closed',
};

export function fold(timeline: Timeline, frame: Frame): Timeline {
  switch (frame.type) {
    case 'message': {
      const { kind: sender, id: senderId } = frame.sender as { kind: Sender; id?: string | null };
      const entry: Entry = {
        seq: frame.seq!, kind: 'message', sender, senderId, body: String(frame.body ?? ''), clientMessageId: frame.clientMessageId as string | undefined, messageId: String(frame.messageId), at: String(frame.postedAt),
      };
      const streaming = { ...timeline.streaming };
      delete streaming[String(frame.messageId)];
      return { ...timeline, entries: insert(timeline.entries, entry), streaming };
    }
    case 'conversation.state': {
      const event = String(frame.event);
      const mode = frame.mode as Mode;
      const key = notices[event];
      const entries = key ? insert(timeline.entries, { seq: frame.seq!, kind: 'notice', body: key, at: String(frame.at) }) : timeline.entries;
      const rated = timeline.rated || event === 'FeedbackGiven';
      if (frame.seq! < timeline.stateSeq) {
        return { ...timeline, entries, rated };
      }
      const agentId = mode === 'human' ? ((frame.agentId as string | undefined) ?? timeline.agentId) : null;
      return { ...timeline, entries, mode, agentId, stateSeq: frame.seq!, rated, queue: mode === 'waiting' ? timeline.queue : null };
    }
    case 'conversation.erased':
      return { ...timeline, entries: timeline.entries.map((e) => (e.kind === 'message' && e.seq < frame.seq! ? { ...e, body: '' } : e)) };
    case 'message.delta': {
      const replyId = String(frame.replyId);
      const streaming = { ...timeline.streaming };
      if (frame.outcome === 'reset') {
        streaming[replyId] = '';
        return { ...timeline, streaming };
      }
      if (frame.done) {
        // Posted: the text stays until its message arrives (it may have already); dropped or failed: discarded.
        if (frame.outcome !== 'posted' || timeline.entries.some((e) => e.messageId === replyId)) {
          delete streaming[replyId];
        }
        return { ...timeline, streaming };
      }
      if (timeline.entries.some((e) => e.messageId === replyId)) {
        return timeline;
      }
      streaming[replyId] = (streaming[replyId] ?? '') + String(frame.text ?? '');
      return { ...timeline, streaming };
    }
    case 'queue.position':
      return { ...timeline, queue: { position: Number(frame.position), queueLength: Number(frame.queueLength), expectedWaitSeconds: Number(frame.expectedWaitSeconds) } };
    default:
      return timeline;
  }
}

function insert(entries: Entry[], entry: Entry): Entry[] {
  if (entries.some((e) => e.seq === entry.seq)) {
    return entries;
  }
  return [...entries, entry].sort((a, b) => a.seq - b.seq);
}
