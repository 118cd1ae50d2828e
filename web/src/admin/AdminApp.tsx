import { useEffect, useMemo, useState } from 'preact/hooks';
import { api, ApiError, sessions, type Session } from '../shared/api';
import { Header } from '../shared/Header';
import { duration, t, type Lang } from '../shared/i18n';
import { Login, messageOf } from '../shared/Login';
import { Realtime, type Frame } from '../shared/realtime';
import { Chart } from './Chart';

type Stats = { count: number; median: number | null; p90: number | null };
interface Summary {
  conversations: number;
  handoff: { rate: number | null };
  episodes: { outcomes: Record<string, { count: number; rate: number | null }> };
  waitTime: { all: Stats };
  firstResponseTime: { ai: Stats; human: Stats };
  csat: { responses: number; average: number | null };
}
interface Point {
  from: string;
  conversations: number;
  handoffRate: number | null;
  timeoutFallbackRate: number | null;
  medianWaitSeconds: number | null;
  medianHumanFirstResponseSeconds: number | null;
  csatAverage: number | null;
}
interface UserRow {
  id: string;
  username: string;
  displayName: string;
  role: string;
  isDisabled: boolean;
}

/** The admin dashboard: the analytics of a window with charts, the figures of now, and the staff accounts. */
export function AdminApp() {
  const [session, setSession] = useState<Session | null>(sessions.current());
  const [, setLang] = useState<Lang>();
  useEffect(() => sessions.subscribe(setSession), []);
  const admin = session?.user.role === 'admin' ? session : null;
  return (
    <>
      <Header title={t('admin.title')} session={session} onLang={setLang} />
      {admin ? <Dashboard /> : (
        <main class="center">
          {session && <p role="alert">{t('admin.notAdmin')}</p>}
          {!session && <Login allowSignUp={false} />}
        </main>
      )}
    </>
  );
}

function Dashboard() {
  return (
    <main class="dashboard">
      <Live />
      <Analytics />
      <Users />
    </main>
  );
}

const percent = (rate: number | null | undefined) => (rate === null || rate === undefined ? t('admin.none') : `${(rate * 100).toFixed(1)} %`);
const seconds = (value: number | null | undefined) => (value === null || value === undefined ? t('admin.none') : duration(value));
const pair = (stats: Stats) => `${seconds(stats.median)} / ${seconds(stats.p90)}`;

function Analytics() {
  const [days, setDays] = useState(1);
  const [summary, setSummary] = useState<Summary | null>(null);
  const [points, setPoints] = useState<Point[]>([]);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    const to = new Date();
    const from = days === 1 ? new Date(Date.UTC(to.getUTCFullYear(), to.getUTCMonth(), to.getUTCDate())) : new Date(to.getTime() - days * 86_400_000);
    const window = `from=${encodeURIComponent(from.toISOString())}&to=${encodeURIComponent(to.toISOString())}`;
    setError(null);
    Promise.all([
      api<Summary>('GET', `/admin/analytics/summary?${window}`),
      api<Point[] | { points: Point[] }>('GET', `/admin/analytics/timeseries?${window}&bucket=${days === 1 ? 'hour' : 'day'}`),
    ])
      .then(([s, p]) => {
        setSummary(s);
        setPoints(Array.isArray(p) ? p : p.points);
      })
      .catch((e) => setError(e instanceof ApiError ? messageOf(e) : String(e)));
  }, [days]);

  const charts = useMemo(() => {
    const times = points.map((p) => Date.parse(p.from) / 1000);
    return {
      times,
      conversations: [{ label: t('admin.conversations'), values: points.map((p) => p.conversations), color: '#0b5fff' }],
      rates: [
        { label: t('admin.handoffRate'), values: points.map((p) => p.handoffRate), color: '#d97706' },
        { label: t('admin.timeoutRate'), values: points.map((p) => p.timeoutFallbackRate), color: '#b42318' },
      ],
      times2: [
        { label: t('admin.wait'), values: points.map((p) => p.medianWaitSeconds), color: '#7c3aed' },
        { label: t('admin.frtHuman'), values: points.map((p) => p.medianHumanFirstResponseSeconds), color: '#059669' },
      ],
      csat: [{ label: t('admin.chartCsat'), values: points.map((p) => p.csatAverage), color: '#0891b2' }],
    };
  }, [points]);

  return (
    <section aria-labelledby="analytics-title" class="panel">
      <div class="panel-head">
        <h2 id="analytics-title">{t('admin.analytics')}</h2>
        <label class="inline">
          {t('admin.window')}
          <select value={days} onChange={(e) => setDays(Number(e.currentTarget.value))}>
            <option value={1}>{t('admin.today')}</option>
            <option value={7}>{t('admin.days7')}</option>
            <option value={30}>{t('admin.days30')}</option>
          </select>
        </label>
      </div>
      <p class="error" role="alert">{error}</p>
      {summary && (
        <dl class="cards">
          <Card label={t('admin.conversations')} value={String(summary.conversations)} />
          <Card label={t('admin.handoffRate')} value={percent(summary.handoff.rate)} />
          <Card label={t('admin.timeoutRate')} value={percent(summary.episodes.outcomes.timed_out?.rate)} />
          <Card label={t('admin.frtAi')} value={pair(summary.firstResponseTime.ai)} />
          <Card label={t('admin.frtHuman')} value={pair(summary.firstResponseTime.human)} />
          <Card label={t('admin.wait')} value={pair(summary.waitTime.all)} />
          <Card label={t('admin.csat')} value={summary.csat.average === null ? t('admin.none') : `${summary.csat.average.toFixed(2)} (${summary.csat.responses})`} />
        </dl>
      )}
      {points.length > 0 && (
        <div class="charts">
          <Chart title={t('admin.chartConversations')} times={charts.times} series={charts.conversations} />
          <Chart title={t('admin.chartRates')} times={charts.times} series={charts.rates} />
          <Chart title={t('admin.chartTimes')} times={charts.times} series={charts.times2} />
          <Chart title={t('admin.chartCsat')} times={charts.times} series={charts.csat} />
        </div>
      )}
    </section>
  );
}

function Card({ label, value }: { label: string; value: string }) {
  return (
    <div class="card figure">
      <dt>{label}</dt>
      <dd>{value}</dd>
    </div>
  );
}

function Live() {
  const realtime = useMemo(() => new Realtime(), []);
  const [figures, setFigures] = useState<Frame | null>(null);
  useEffect(() => {
    const off = realtime.on((frame) => frame.type === 'figures' && setFigures(frame));
    const offStatus = realtime.onStatus((status) => status === 'open' && realtime.fire({ type: 'figures.watch', watch: true }));
    realtime.start();
    return () => {
      off();
      offStatus();
      realtime.stop();
    };
  }, [realtime]);
  return (
    <section aria-labelledby="live-title" class="panel">
      <h2 id="live-title">{t('admin.live')}</h2>
      {figures && (
        <dl class="cards" aria-live="polite">
          <Card label={t('admin.waiting')} value={String(figures.waiting)} />
          <Card label={t('admin.longestWait')} value={seconds(figures.longestWaitSeconds as number | null)} />
          <Card label={t('admin.humanSessions')} value={String(figures.humanSessions)} />
          <Card label={t('admin.agentsOnline')} value={String(figures.agentsOnline)} />
          <Card label={t('admin.agentsAway')} value={String(figures.agentsAway)} />
          <Card label={t('admin.startedToday')} value={String(figures.conversationsStartedToday)} />
        </dl>
      )}
    </section>
  );
}

function Users() {
  const [users, setUsers] = useState<UserRow[]>([]);
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [role, setRole] = useState('agent');
  const [error, setError] = useState<string | null>(null);
  const load = () =>
    Promise.all(['agent', 'admin'].map((r) => api<{ items: UserRow[] }>('GET', `/admin/users?role=${r}&pageSize=200`)))
      .then((pages) => setUsers(pages.flatMap((p) => p.items)))
      .catch(() => undefined);
  useEffect(() => void load(), []);

  async function act(call: () => Promise<unknown>) {
    setError(null);
    try {
      await call();
      await load();
      return true;
    } catch (e) {
      setError(e instanceof ApiError ? messageOf(e) : String(e));
      return false;
    }
  }

  async function create(event: Event) {
    event.preventDefault();
    if (await act(() => api('POST', '/admin/users', { username, password, displayName: displayName || undefined, role }))) {
      setUsername('');
      setPassword('');
      setDisplayName('');
    }
  }

  return (
    <section aria-labelledby="users-title" class="panel">
      <h2 id="users-title">{t('admin.users')}</h2>
      <form class="card new-user" onSubmit={create} aria-label={t('admin.newAgent')}>
        <label>{t('auth.username')}<input name="new-username" required minLength={3} value={username} onInput={(e) => setUsername(e.currentTarget.value)} /></label>
        <label>{t('auth.password')}<input name="new-password" type="password" autocomplete="new-password" required minLength={8} value={password} onInput={(e) => setPassword(e.currentTarget.value)} /></label>
        <label>{t('admin.displayName')}<input name="new-display-name" value={displayName} onInput={(e) => setDisplayName(e.currentTarget.value)} /></label>
        <label>{t('admin.role')}
          <select value={role} onChange={(e) => setRole(e.currentTarget.value)}>
            <option value="agent">agent</option>
            <option value="admin">admin</option>
          </select>
        </label>
        <button type="submit" class="primary">{t('admin.create')}</button>
      </form>
      <p class="error" role="alert">{error}</p>
      <table class="users">
        <tbody>
          {users.map((u) => (
            <tr key={u.id}>
              <td>{u.displayName || u.username}</td>
              <td class="muted">{u.username}</td>
              <td>{u.role}{u.isDisabled ? ` · ${t('admin.disabled')}` : ''}</td>
              <td>
                <button type="button" aria-label={`${u.isDisabled ? t('admin.enable') : t('admin.disable')} ${u.username}`} onClick={() => act(() => api('POST', `/admin/users/${u.id}/${u.isDisabled ? 'enable' : 'disable'}`))}>
                  {u.isDisabled ? t('admin.enable') : t('admin.disable')}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
