import { useEffect, useMemo, useState } from 'preact/hooks';
import { api, ApiError, sessions, type Session } from '../shared/api';
import { Header } from '../shared/Header';
import { duration, t, type Lang } from '../shared/i18n';
import { Login, messageOf } from '../shared/Login';
import { Realtime, type Frame } from '../shared/realtime';
import { Chart } from './Chart';
import { Conversations } from './Conversations';
import { Knowledge } from './Knowledge';
import { Users } from './Users';

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

type Tab = 'overview' | 'conversations' | 'knowledge';

function Dashboard() {
  const [tab, setTab] = useState<Tab>('overview');
  const tabs: [Tab, string][] = [['overview', t('admin.tabOverview')], ['conversations', t('admin.tabConversations')], ['knowledge', t('admin.tabKnowledge')]];
  return (
    <main class="dashboard">
      <nav class="tabs" aria-label={t('admin.title')}>
        {tabs.map(([id, label]) => (
          <button key={id} type="button" aria-current={tab === id ? 'page' : undefined} onClick={() => setTab(id)}>{label}</button>
        ))}
      </nav>
      {tab === 'overview' && (
        <>
          <Live />
          <Analytics />
          <Users />
        </>
      )}
      {tab === 'conversations' && <Conversations />}
      {tab === 'knowledge' && <Knowledge />}
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
