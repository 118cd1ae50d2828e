import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { sessions, type Session } from '../shared/api';
import { Header } from '../shared/Header';
import { currentLang, setLang, t, type Lang } from '../shared/i18n';
import { Login } from '../shared/Login';
import { Inbox } from './Inbox';

/** The agent inbox: the waiting queue live, the conversations this agent holds, and the one open on the right. */
function AgentApp() {
  const [session, setSession] = useState<Session | null>(sessions.current());
  const [, setLanguage] = useState<Lang>();
  useEffect(() => sessions.subscribe(setSession), []);
  const staff = session && session.user.role !== 'customer' ? session : null;
  return (
    <>
      <Header title={t('agent.title')} session={session} onLang={setLanguage} />
      {staff ? <Inbox key={staff.user.id} session={staff} /> : (
        <main class="center">
          {session && <p role="alert">{t('agent.notAgent')}</p>}
          {!session && <Login allowSignUp={false} />}
        </main>
      )}
    </>
  );
}

setLang(currentLang());
render(<AgentApp />, document.getElementById('app')!);
