import { useEffect, useRef, useState, type FormEvent } from 'react';
import { errorText } from '../api';
import { shortTestName, TEST_KINDS, type TestDraft, type TestKind } from '../authoring';
import { useI18n, type MessageKey } from '../i18n';
import { Alert, Loading } from './common';

export interface TestRow {
  key: string;
  name: string;
  kind: TestKind;
  inputBytes: number;
  answerBytes: number;
  points?: number | null;
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(n < 10 * 1024 ? 1 : 0)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

const byteLength = (s: string) => new TextEncoder().encode(s).length;
export const rowOf = (key: string, d: TestDraft): TestRow => ({
  key,
  name: d.name,
  kind: d.kind,
  inputBytes: byteLength(d.input),
  answerBytes: byteLength(d.answer ?? ''),
  points: d.points ?? null,
});

/**
 * The tests of a problem: a table with edit and delete per row, and a form to add or change one.
 * Where the tests live (in the page until the problem is created, or on the server) is the caller's.
 */
export function TestsEditor({
  rows,
  loading,
  loadError,
  load,
  save,
  remove,
}: {
  rows: TestRow[];
  loading?: boolean;
  loadError?: string | null;
  /** The full test (input and answer) of a row, to edit it. */
  load(row: TestRow): Promise<TestDraft>;
  /** Adds (row null) or replaces a test. */
  save(draft: TestDraft, row: TestRow | null): Promise<void>;
  remove(row: TestRow): Promise<void>;
}) {
  const { t } = useI18n();
  // null: no form; 'new': adding; a key: editing that row.
  const [editing, setEditing] = useState<string | null>(null);
  const [draft, setDraft] = useState<TestDraft | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [opening, setOpening] = useState<string | null>(null);

  async function startEdit(row: TestRow) {
    setError(null);
    setStatus(null);
    setOpening(row.key);
    try {
      setDraft(await load(row));
      setEditing(row.key);
    } catch (e) {
      setError(errorText(e, t));
    } finally {
      setOpening(null);
    }
  }

  function startAdd() {
    setError(null);
    setStatus(null);
    const kind: TestKind = rows.some((r) => r.kind === 'sample') ? 'secret' : 'sample';
    setDraft({ name: nextName(rows, kind), kind, input: '', answer: '' });
    setEditing('new');
  }

  async function onRemove(row: TestRow) {
    const name = shortTestName(row.name);
    if (!window.confirm(t('tests.deleteConfirm', { name }))) return;
    setError(null);
    try {
      await remove(row);
      setStatus(t('tests.deleted', { name }));
      if (editing === row.key) setEditing(null);
    } catch (e) {
      setError(errorText(e, t));
    }
  }

  return (
    <section className="card" aria-labelledby="tests-h">
      <div className="section-head">
        <h2 className="h3" id="tests-h">
          {t('tests.title')} {rows.length > 0 && <span className="count count-neutral">{rows.length}</span>}
        </h2>
        <button type="button" className="btn btn-secondary btn-sm" onClick={startAdd} disabled={editing === 'new'}>
          <span aria-hidden="true">+</span> {t('tests.add')}
        </button>
      </div>
      <p className="hint">{t('tests.lead')}</p>
      {loading && rows.length === 0 ? (
        <Loading />
      ) : loadError ? (
        <Alert>{loadError}</Alert>
      ) : rows.length === 0 ? (
        <p className="empty-inline">{t('tests.empty')}</p>
      ) : (
        <div className="table-wrap">
          <table className="table tests-edit-table">
            <caption className="sr-only">{t('tests.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('tests.name')}</th>
                <th scope="col">{t('tests.kind')}</th>
                <th scope="col" className="num hide-sm">
                  {t('tests.input')}
                </th>
                <th scope="col" className="num hide-sm">
                  {t('tests.answer')}
                </th>
                <th scope="col" className="num">
                  <span className="sr-only">{t('tests.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.key} className={editing === r.key ? 'row-selected' : undefined}>
                  <td className="mono cell-name">{shortTestName(r.name)}</td>
                  <td>
                    <KindTag kind={r.kind} />
                  </td>
                  <td className="num mono hide-sm">{formatBytes(r.inputBytes)}</td>
                  <td className="num mono hide-sm">{formatBytes(r.answerBytes)}</td>
                  <td className="num">
                    <div className="row-actions">
                      <button
                        type="button"
                        className="btn btn-ghost btn-xs"
                        aria-label={t('tests.editNamed', { name: shortTestName(r.name) })}
                        disabled={opening === r.key}
                        onClick={() => void startEdit(r)}
                      >
                        {t('tests.edit')}
                      </button>
                      <button
                        type="button"
                        className="btn btn-ghost btn-xs btn-danger-text"
                        aria-label={t('tests.deleteNamed', { name: shortTestName(r.name) })}
                        onClick={() => void onRemove(r)}
                      >
                        {t('tests.delete')}
                      </button>
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {status && (
        <p className="muted small" role="status">
          {status}
        </p>
      )}
      {error && <Alert>{error}</Alert>}
      {editing && draft && (
        <TestForm
          key={editing}
          initial={draft}
          isNew={editing === 'new'}
          onCancel={() => setEditing(null)}
          onSave={async (d) => {
            await save(d, editing === 'new' ? null : (rows.find((r) => r.key === editing) ?? null));
            setStatus(t(editing === 'new' ? 'tests.added' : 'tests.saved', { name: d.name }));
            setEditing(null);
          }}
        />
      )}
    </section>
  );
}

/** The next free number among the tests of a kind: 1, 2, 3… */
function nextName(rows: TestRow[], kind: TestKind): string {
  const taken = new Set(rows.filter((r) => r.kind === kind).map((r) => shortTestName(r.name)));
  for (let i = taken.size + 1; ; i++) if (!taken.has(String(i))) return String(i);
}

export function KindTag({ kind }: { kind: string }) {
  const { t } = useI18n();
  const key = `tests.kind.${kind}` as MessageKey;
  return <span className={`tag tag-flat${kind === 'attack' ? ' tag-attack' : ''}`}>{t(key)}</span>;
}

function TestForm({
  initial,
  isNew,
  onSave,
  onCancel,
}: {
  initial: TestDraft;
  isNew: boolean;
  onSave(d: TestDraft): Promise<void>;
  onCancel(): void;
}) {
  const { t } = useI18n();
  const [d, setD] = useState<TestDraft>({ ...initial, answer: initial.answer ?? '' });
  const [checkAnswer, setCheckAnswer] = useState(initial.answer !== null);
  const [forbidden, setForbidden] = useState((initial.forbidden ?? []).join('\n'));
  const [points, setPoints] = useState(initial.points == null ? '' : String(initial.points));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const nameRef = useRef<HTMLInputElement>(null);
  useEffect(() => nameRef.current?.focus(), []);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const name = d.name.trim();
    if (!name) {
      setError(t('tests.nameRequired'));
      return;
    }
    const compare = checkAnswer || d.kind !== 'attack';
    const body: TestDraft = { name, kind: d.kind, input: d.input, answer: compare ? d.answer : null };
    if (points.trim() !== '') body.points = Number(points);
    const lines = forbidden
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean);
    if (d.kind === 'attack' && lines.length) body.forbidden = lines;
    setBusy(true);
    setError(null);
    try {
      await onSave(body);
    } catch (err) {
      setError(errorText(err, t));
      setBusy(false);
    }
  }

  return (
    <form className="test-form" onSubmit={submit} aria-label={isNew ? t('tests.addTitle') : t('tests.editTitle')}>
      <h3 className="h4">{isNew ? t('tests.addTitle') : t('tests.editTitle')}</h3>
      <div className="form-row form-row-3">
        <div className="field">
          <label htmlFor="test-name">{t('tests.name')}</label>
          <input
            id="test-name"
            ref={nameRef}
            type="text"
            className="mono"
            value={d.name}
            maxLength={200}
            autoCapitalize="off"
            spellCheck={false}
            required
            onChange={(e) => setD({ ...d, name: e.target.value })}
          />
        </div>
        <div className="field">
          <label htmlFor="test-kind">{t('tests.kind')}</label>
          <select id="test-kind" value={d.kind} onChange={(e) => setD({ ...d, kind: e.target.value as TestKind })}>
            {TEST_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`tests.kind.${k}` as MessageKey)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="test-points">{t('tests.points')}</label>
          <input
            id="test-points"
            type="number"
            min={0}
            step={1}
            inputMode="numeric"
            value={points}
            placeholder={t('tests.pointsDefault')}
            onChange={(e) => setPoints(e.target.value)}
          />
        </div>
      </div>
      <p className="hint">{t(`tests.kindHint.${d.kind}` as MessageKey)}</p>
      <div className="form-row">
        <div className="field">
          <label htmlFor="test-input">{t('tests.input')}</label>
          <textarea
            id="test-input"
            className="mono"
            rows={6}
            wrap="off"
            spellCheck={false}
            value={d.input}
            onChange={(e) => setD({ ...d, input: e.target.value })}
          />
        </div>
        <div className="field">
          <label htmlFor="test-answer">{t('tests.answer')}</label>
          <textarea
            id="test-answer"
            className="mono"
            rows={6}
            wrap="off"
            spellCheck={false}
            value={d.answer ?? ''}
            disabled={d.kind === 'attack' && !checkAnswer}
            onChange={(e) => setD({ ...d, answer: e.target.value })}
          />
          {d.kind === 'attack' && (
            <label className="check-inline">
              <input type="checkbox" checked={checkAnswer} onChange={(e) => setCheckAnswer(e.target.checked)} />
              {t('tests.checkAnswer')}
            </label>
          )}
        </div>
      </div>
      {d.kind === 'attack' && (
        <div className="field">
          <label htmlFor="test-forbidden">{t('tests.forbidden')}</label>
          <textarea
            id="test-forbidden"
            className="mono"
            rows={2}
            spellCheck={false}
            value={forbidden}
            aria-describedby="test-forbidden-hint"
            onChange={(e) => setForbidden(e.target.value)}
          />
          <span className="hint" id="test-forbidden-hint">
            {t('tests.forbiddenHint')}
          </span>
        </div>
      )}
      {error && <Alert>{error}</Alert>}
      <div className="actions">
        <button type="submit" className="btn btn-primary btn-sm" disabled={busy}>
          {busy ? t('common.saving') : t('tests.save')}
        </button>
        <button type="button" className="btn btn-ghost btn-sm" onClick={onCancel} disabled={busy}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
