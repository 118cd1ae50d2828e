// The REST API (docs/api.md): JSON in and out, the access token in the Authorization header, refreshed once when it
// has expired, and every error as an ApiError carrying the problem's stable code.

export interface User {
  id: string;
  username: string;
  displayName: string;
  role: 'customer' | 'agent' | 'admin';
}

export interface Session {
  accessToken: string;
  refreshToken: string;
  user: User;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly errors?: Record<string, string[]>,
  ) {
    super(message);
  }
}

const storageKey = 'chatclean.session';
const listeners = new Set<(session: Session | null) => void>();

export const sessions = {
  current(): Session | null {
    const stored = localStorage.getItem(storageKey);
    return stored ? (JSON.parse(stored) as Session) : null;
  },
  set(session: Session | null) {
    if (session) {
      localStorage.setItem(storageKey, JSON.stringify(session));
    } else {
      localStorage.removeItem(storageKey);
    }
    listeners.forEach((listener) => listener(session));
  },
  subscribe(listener: (session: Session | null) => void): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
};

interface TokenAnswer {
  accessToken: string;
  refreshToken: string;
  user: User;
}

async function send(method: string, path: string, body: unknown, token: string | undefined): Promise<Response> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
  }
  if (token) {
    headers.Authorization = `Bearer ${token}`;
  }
  return fetch(`/api/v1${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
}

async function toError(response: Response): Promise<ApiError> {
  try {
    const problem = (await response.json()) as { code?: string; detail?: string; title?: string; errors?: Record<string, string[]> };
    return new ApiError(response.status, problem.code ?? `http.${response.status}`, problem.detail ?? problem.title ?? response.statusText, problem.errors);
  } catch {
    return new ApiError(response.status, `http.${response.status}`, response.statusText);
  }
}

let refreshing: Promise<Session | null> | null = null;

/** Spends the refresh token once, however many requests found the access token expired at the same time. */
export function refreshSession(): Promise<Session | null> {
  refreshing ??= (async () => {
    const current = sessions.current();
    if (!current) {
      return null;
    }
    const response = await send('POST', '/auth/refresh', { refreshToken: current.refreshToken }, undefined);
    if (!response.ok && response.status >= 500) {
      // The service is in trouble, not the session: keep it and let the caller try again later.
      throw await toError(response);
    }
    const next = response.ok ? toSession((await response.json()) as TokenAnswer) : null;
    sessions.set(next);
    return next;
  })().finally(() => (refreshing = null));
  return refreshing;
}

/** Whether the access token expires within `marginSeconds` (read from its own `exp` claim). */
export function expiresSoon(session: Session, marginSeconds = 30): boolean {
  try {
    const payload = session.accessToken.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
    const { exp } = JSON.parse(atob(payload)) as { exp?: number };
    return exp === undefined || exp * 1000 - Date.now() < marginSeconds * 1000;
  } catch {
    return true;
  }
}

function toSession(answer: TokenAnswer): Session {
  return { accessToken: answer.accessToken, refreshToken: answer.refreshToken, user: answer.user };
}

export async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
  let response = await send(method, path, body, sessions.current()?.accessToken);
  if (response.status === 401 && sessions.current()) {
    const renewed = await refreshSession().catch(() => null);
    if (renewed) {
      response = await send(method, path, body, renewed.accessToken);
    }
  }
  if (!response.ok) {
    throw await toError(response);
  }
  return response.status === 204 ? (undefined as T) : ((await response.json()) as T);
}

export async function signIn(username: string, password: string): Promise<Session> {
  const session = toSession(await api<TokenAnswer>('POST', '/auth/login', { username, password }));
  sessions.set(session);
  return session;
}

export async function signUp(username: string, password: string, displayName: string): Promise<Session> {
  await api('POST', '/auth/register', { username, password, displayName: displayName || undefined });
  return signIn(username, password);
}

export async function signOut(): Promise<void> {
  const current = sessions.current();
  sessions.set(null);
  if (current) {
    await api('POST', '/auth/logout', { refreshToken: current.refreshToken }).catch(() => undefined);
  }
}
