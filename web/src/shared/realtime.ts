// The WebSocket gateway (docs/websocket-protocol.md): one socket, JSON frames, requests matched to their ack or
// error by `ref`. It reconnects by itself (backing off to 5 s) and then resumes every conversation it follows from
// the last seq it delivered without a hole, so a lost connection or a server restart shows no gap and no duplicate:
// a frame whose seq was delivered already is dropped.

import { ApiError, expiresSoon, refreshSession, sessions } from './api';

export type Frame = { type: string; conversationId?: string; seq?: number; ref?: string; [field: string]: unknown };
export type Status = 'connecting' | 'open' | 'closed';

interface Pending {
  resolve: (ack: Frame) => void;
  reject: (error: ApiError) => void;
}

export class Realtime {
  private socket: WebSocket | null = null;
  /** Per conversation followed: the seq it was followed after, and every seq delivered since. */
  private readonly followed = new Map<string, { floor: number; delivered: Set<number> }>();
  private readonly pending = new Map<string, Pending>();
  private readonly handlers = new Set<(frame: Frame) => void>();
  private readonly statusHandlers = new Set<(status: Status) => void>();
  private retryDelay = 250;
  private stopped = false;
  private nextRef = 0;
  private pingTimer: number | undefined;

  status: Status = 'closed';

  start(): void {
    this.stopped = false;
    this.connect();
  }

  stop(): void {
    this.stopped = true;
    window.clearInterval(this.pingTimer);
    this.socket?.close(1000);
  }

  on(handler: (frame: Frame) => void): () => void {
    this.handlers.add(handler);
    return () => this.handlers.delete(handler);
  }

  onStatus(handler: (status: Status) => void): () => void {
    this.statusHandlers.add(handler);
    return () => this.statusHandlers.delete(handler);
  }

  /**
   * Follows a conversation from after `afterSeq` (what was missed comes first), now and after every reconnect.
   * `resumeNow: false` only remembers it, for a conversation the socket follows already (one it just started).
   */
  follow(conversationId: string, afterSeq = 0, resumeNow = true): void {
    const known = this.followed.get(conversationId);
    if (!known) {
      this.followed.set(conversationId, { floor: afterSeq, delivered: new Set() });
    } else if (afterSeq < known.floor) {
      known.floor = afterSeq;
    }
    if (resumeNow && this.status === 'open') {
      this.fire({ type: 'resume', conversationId, afterSeq });
    }
  }

  /** The last seq delivered with nothing missing before it: where a resume after a reconnect starts. */
  private resumePoint(conversationId: string): number {
    const known = this.followed.get(conversationId)!;
    let seq = known.floor;
    while (known.delivered.has(seq + 1)) {
      seq++;
    }
    return seq;
  }

  /**
   * Sends a frame and waits for its ack; an `error` frame rejects with the same code the REST endpoint gives. While
   * the socket is (re)connecting the frame waits for it, up to 10 s.
   */
  async request(frame: Frame): Promise<Frame> {
    await this.opened(10_000);
    const ref = frame.ref ?? `r-${++this.nextRef}`;
    return new Promise<Frame>((resolve, reject) => {
      this.pending.set(ref, { resolve, reject });
      this.fire({ ...frame, ref });
    });
  }

  private opened(timeoutMs: number): Promise<void> {
    if (this.status === 'open') {
      return Promise.resolve();
    }
    return new Promise<void>((resolve, reject) => {
      const timer = window.setTimeout(() => {
        off();
        reject(new ApiError(0, 'realtime.not_connected', 'Not connected: try again in a moment.'));
      }, timeoutMs);
      const off = this.onStatus((status) => {
        if (status === 'open') {
          window.clearTimeout(timer);
          off();
          resolve();
        }
      });
    });
  }

  /** Sends a frame that has no answer (typing). */
  fire(frame: Frame): void {
    if (this.socket?.readyState === WebSocket.OPEN) {
      this.socket.send(JSON.stringify(frame));
    }
  }

  private connect(): void {
    const session = sessions.current();
    if (!session || this.stopped) {
      return;
    }
    this.setStatus('connecting');
    const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
    const socket = new WebSocket(`${scheme}://${location.host}/ws?access_token=${encodeURIComponent(session.accessToken)}`);
    this.socket = socket;
    let opened = false;
    socket.onopen = () => {
      opened = true;
      this.retryDelay = 250;
      this.setStatus('open');
      for (const conversationId of this.followed.keys()) {
        this.fire({ type: 'resume', conversationId, afterSeq: this.resumePoint(conversationId) });
      }
      window.clearInterval(this.pingTimer);
      this.pingTimer = window.setInterval(() => this.fire({ type: 'ping' }), 30_000);
    };
    socket.onmessage = (event) => this.receive(JSON.parse(event.data as string) as Frame);
    socket.onclose = async (event) => {
      window.clearInterval(this.pingTimer);
      this.setStatus('closed');
      for (const [, pending] of this.pending) {
        pending.reject(new ApiError(0, 'realtime.disconnected', 'The connection was lost.'));
      }
      this.pending.clear();
      if (this.stopped || event.code === 4001) {
        if (event.code === 4001) {
          sessions.set(null);
        }
        return;
      }
      // Refused before the upgrade with a token about to expire: renew it first. A service that is down (or a
      // refresh that fails on its side) is simply tried again later; only a refused refresh ends the session.
      if (!opened && expiresSoon(sessions.current()!)) {
        try {
          if (!(await refreshSession())) {
            return;
          }
        } catch {
          // Unreachable or failing: retry below.
        }
      }
      window.setTimeout(() => this.connect(), this.retryDelay);
      this.retryDelay = Math.min(this.retryDelay * 2, 5_000);
    };
  }

  private receive(frame: Frame): void {
    if (frame.ref && (frame.type === 'ack' || frame.type === 'error') && this.pending.has(frame.ref)) {
      const pending = this.pending.get(frame.ref)!;
      this.pending.delete(frame.ref);
      if (frame.type === 'ack') {
        pending.resolve(frame);
      } else {
        pending.reject(new ApiError(0, String(frame.code), String(frame.message), frame.errors as Record<string, string[]> | undefined));
      }
      return;
    }
    if ((frame.type === 'message' || frame.type === 'conversation.state' || frame.type === 'conversation.erased') && frame.conversationId && frame.seq) {
      let known = this.followed.get(frame.conversationId);
      if (!known) {
        // A conversation the server made this socket follow (a takeover, a transfer): from this frame on.
        known = { floor: frame.seq - 1, delivered: new Set() };
        this.followed.set(frame.conversationId, known);
      }
      if (known.delivered.has(frame.seq)) {
        return;
      }
      known.delivered.add(frame.seq);
    }
    this.handlers.forEach((handler) => handler(frame));
  }

  private setStatus(status: Status): void {
    this.status = status;
    this.statusHandlers.forEach((handler) => handler(status));
  }
}
