import { useEffect, useState } from 'preact/hooks';
import { api, ApiError } from '../shared/api';
import { t } from '../shared/i18n';
import { messageOf } from '../shared/Login';

interface DocumentRow { id: string; title: string; length: number; updatedAt: string }
interface Passage { documentId: string; title: string; text: string; score: number; coverage: number }

/** The knowledge base the AI answers from: documents to add and edit, and a question to try against it. */
export function Knowledge() {
  const [documents, setDocuments] = useState<DocumentRow[]>([]);
  const [editing, setEditing] = useState<string | null>(null);
  const [title, setTitle] = useState('');
  const [content, setContent] = useState('');
  const [question, setQuestion] = useState('');
  const [passages, setPassages] = useState<Passage[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = () => api<DocumentRow[] | { items: DocumentRow[] }>('GET', '/admin/knowledge/documents').then((d) => setDocuments(Array.isArray(d) ? d : d.items)).catch(() => undefined);
  useEffect(() => void load(), []);

  async function guard(call: () => Promise<void>) {
    setError(null);
    try {
      await call();
    } catch (e) {
      setError(e instanceof ApiError ? messageOf(e) : String(e));
    }
  }

  const save = (event: Event) => {
    event.preventDefault();
    void guard(async () => {
      await api(editing ? 'PUT' : 'POST', editing ? `/admin/knowledge/documents/${editing}` : '/admin/knowledge/documents', { title, content });
      setEditing(null);
      setTitle('');
      setContent('');
      await load();
    });
  };

  const edit = (id: string) =>
    guard(async () => {
      const document = await api<{ title: string; content: string }>('GET', `/admin/knowledge/documents/${id}`);
      setEditing(id);
      setTitle(document.title);
      setContent(document.content);
    });

  return (
    <section class="panel" aria-labelledby="knowledge-title">
      <h2 id="knowledge-title">{t('admin.tabKnowledge')}</h2>
      <p class="error" role="alert">{error}</p>
      <div class="split">
        <div>
          <h3>{t('admin.documents')}</h3>
          <ul class="queue">
            {documents.map((d) => (
              <li key={d.id}>
                <span class="item static"><span class="subject">{d.title}</span><span class="muted">{d.length}</span></span>
                <button type="button" aria-label={`${t('admin.edit')} ${d.title}`} onClick={() => void edit(d.id)}>{t('admin.edit')}</button>
              </li>
            ))}
          </ul>
          <form class="card" onSubmit={save} aria-label={editing ? t('admin.edit') : t('admin.newDocument')}>
            <h3>{editing ? t('admin.edit') : t('admin.newDocument')}</h3>
            <label>{t('admin.docTitle')}<input name="title" required maxLength={200} value={title} onInput={(e) => setTitle(e.currentTarget.value)} /></label>
            <label>{t('admin.docContent')}<textarea name="content" rows={8} required maxLength={100000} value={content} onInput={(e) => setContent(e.currentTarget.value)} /></label>
            <button type="submit" class="primary">{t('admin.save')}</button>
          </form>
        </div>
        <div>
          <form class="card" onSubmit={(e) => { e.preventDefault(); void guard(async () => setPassages(await api<Passage[]>('GET', `/admin/knowledge/search?q=${encodeURIComponent(question)}`))); }}>
            <label>{t('admin.question')}<input name="question" required maxLength={1000} value={question} onInput={(e) => setQuestion(e.currentTarget.value)} /></label>
            <button type="submit" class="primary">{t('admin.ask')}</button>
          </form>
          {passages && passages.length === 0 && <p class="muted">{t('admin.noPassage')}</p>}
          <ol class="passages">
            {passages?.map((p, i) => (
              <li key={i} class="card">
                <strong>{p.title}</strong>
                <span class="muted">BM25 {p.score.toFixed(2)} · {(p.coverage * 100).toFixed(0)} %</span>
                <p>{p.text}</p>
              </li>
            ))}
          </ol>
        </div>
      </div>
    </section>
  );
}
