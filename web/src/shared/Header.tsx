import type { ComponentChildren } from 'preact';
import { signOut, type Session } from './api';
import { currentLang, setLang, t, type Lang } from './i18n';
import type { Status } from './realtime';

/** The bar on top of every screen: title, connection state, language, the signed-in user and sign-out. */
export function Header({ title, session, status, onLang, children }: {
  title: string;
  session: Session | null;
  status?: Status;
  onLang: (lang: Lang) => void;
  children?: ComponentChildren;
}) {
  const other: Lang = currentLang() === 'zh' ? 'en' : 'zh';
  return (
    <header class="bar">
      <strong class="brand">{title}</strong>
      {status && status !== 'open' && <span class="status" role="status">{status === 'connecting' ? t('status.connecting') : t('status.closed')}</span>}
      <span class="spacer" />
      {children}
      <button type="button" class="link" lang={other === 'zh' ? 'zh-CN' : 'en'} onClick={() => { setLang(other); onLang(other); }}>{t('lang.switch')}</button>
      {session && (
        <>
          <span class="user">{session.user.displayName || session.user.username}</span>
          <button type="button" class="link" onClick={() => void signOut()}>{t('auth.signOut')}</button>
        </>
      )}
    </header>
  );
}
