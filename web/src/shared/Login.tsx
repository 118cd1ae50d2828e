import { useState } from 'preact/hooks';
import { ApiError, signIn, signUp } from './api';
import { errorText, t } from './i18n';

/** Sign in (and, where `allowSignUp`, create a customer account): labelled fields, errors read out to screen readers. */
export function Login({ allowSignUp }: { allowSignUp: boolean }) {
  const [creating, setCreating] = useState(false);
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: Event) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await (creating ? signUp(username, password, displayName) : signIn(username, password));
    } catch (e) {
      setError(e instanceof ApiError ? messageOf(e) : String(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form class="card login" onSubmit={submit} aria-labelledby="login-title">
      <h1 id="login-title">{creating ? t('auth.signUp') : t('auth.signIn')}</h1>
      <label>
        {t('auth.username')}
        <input name="username" autocomplete="username" required minLength={3} value={username} onInput={(e) => setUsername(e.currentTarget.value)} />
      </label>
      <label>
        {t('auth.password')}
        <input name="password" type="password" autocomplete={creating ? 'new-password' : 'current-password'} required minLength={8} value={password} onInput={(e) => setPassword(e.currentTarget.value)} />
      </label>
      {creating && (
        <label>
          {t('auth.displayName')}
          <input name="displayName" autocomplete="name" value={displayName} onInput={(e) => setDisplayName(e.currentTarget.value)} />
        </label>
      )}
      <p class="error" role="alert">{error}</p>
      <button type="submit" class="primary" disabled={busy}>{creating ? t('auth.signUp') : t('auth.signIn')}</button>
      {allowSignUp && (
        <button type="button" class="link" onClick={() => setCreating(!creating)}>
          {creating ? t('auth.haveAccount') : t('auth.noAccount')}
        </button>
      )}
    </form>
  );
}

/** The problem's sentence, with the first field error when the request had invalid fields. */
export function messageOf(error: ApiError): string {
  const field = error.errors && Object.values(error.errors)[0]?.[0];
  const text = errorText(error.code, error.message);
  return field ? `${text} ${field}` : text;
}
