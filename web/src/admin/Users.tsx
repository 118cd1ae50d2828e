import { useEffect, useState } from 'preact/hooks';
import { api, ApiError } from '../shared/api';
import { t } from '../shared/i18n';
import { messageOf } from '../shared/Login';

interface UserRow {
  id: string;
  username: string;
  displayName: string;
  role: string;
  isDisabled: boolean;
}

/** The staff accounts: agents and admins, created, disabled and enabled here (customers sign up themselves). */
export function Users() {
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
