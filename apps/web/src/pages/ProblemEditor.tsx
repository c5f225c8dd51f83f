import { useEffect, useState, type FormEvent, type ReactNode } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { ApiError, errorText, localized } from '../api';
import {
  authoring,
  changeJudging,
  CHECKER_TYPES,
  DEFAULT_POLICY,
  type AuthoredProblem,
  type BuiltinCheckerType,
  type Checker,
  type ProblemFields,
  type SecurityPolicy,
  type TestDraft,
} from '../authoring';
import { Alert, ErrorState, Loading } from '../components/common';
import { Markdown } from '../components/Markdown';
import { PolicyEditor } from '../components/PolicyEditor';
import { StaffPageHead } from '../components/StaffTabs';
import { rowOf, TestsEditor, type TestRow } from '../components/TestsEditor';
import { useAsync } from '../hooks';
import { useI18n, type MessageKey } from '../i18n';

interface Form {
  slug: string;
  name: string;
  statement: string;
  timeLimitMs: string;
  memoryLimitMb: string;
  outputLimitKb: string;
  checker: BuiltinCheckerType | 'custom';
  absTol: string;
  relTol: string;
  policy: SecurityPolicy;
}

const EMPTY: Form = {
  slug: '',
  name: '',
  statement: '',
  timeLimitMs: '1000',
  memoryLimitMb: '256',
  outputLimitKb: '',
  checker: 'tokens',
  absTol: '1e-6',
  relTol: '1e-6',
  policy: DEFAULT_POLICY,
};

const SLUG = /^[a-z0-9][a-z0-9-]{0,99}$/;

function fromProblem(p: AuthoredProblem, locale: string): Form {
  const c = p.checker ?? { type: 'tokens' };
  return {
    slug: p.slug,
    name: localized(p.name, locale),
    statement: localized(p.statement, locale),
    timeLimitMs: String(p.timeLimitMs),
    memoryLimitMb: String(p.memoryLimitMb),
    outputLimitKb: p.outputLimitBytes ? String(Math.round(p.outputLimitBytes / 1024)) : '',
    checker: c.type,
    absTol: c.type === 'float' ? String(c.absTol) : EMPTY.absTol,
    relTol: c.type === 'float' ? String(c.relTol) : EMPTY.relTol,
    policy: { ...DEFAULT_POLICY, ...p.security },
  };
}

/** The form's problems in words, or the fields to send. */
function toFields(f: Form, t: (k: MessageKey, v?: Record<string, string | number>) => string, sendChecker: boolean) {
  const errors: string[] = [];
  const int = (v: string, key: MessageKey, min: number, max: number) => {
    const n = Number(v);
    if (!Number.isInteger(n) || n < min || n > max) errors.push(t('editor.errRange', { field: t(key), min, max }));
    return n;
  };
  if (!f.name.trim()) errors.push(t('editor.errName'));
  const fields: ProblemFields = {
    name: f.name.trim(),
    statement: f.statement,
    timeLimitMs: int(f.timeLimitMs, 'editor.timeLimit', 100, 60_000),
    memoryLimitMb: int(f.memoryLimitMb, 'editor.memoryLimit', 16, 8192),
  };
  if (f.outputLimitKb.trim()) fields.outputLimitBytes = int(f.outputLimitKb, 'editor.outputLimit', 1, 1 << 20) * 1024;
  if (sendChecker && f.checker !== 'custom') {
    let checker: Checker;
    if (f.checker === 'float') {
      const absTol = Number(f.absTol);
      const relTol = Number(f.relTol);
      if (!(absTol >= 0) || !(relTol >= 0)) errors.push(t('editor.errTolerance'));
      checker = { type: 'float', absTol, relTol };
    } else {
      checker = { type: f.checker };
    }
    fields.checker = checker;
  }
  const w = f.policy.weight;
  if (!(Number.isFinite(w) && w >= 0 && w <= 1)) errors.push(t('policy.weightInvalid'));
  fields.security = f.policy;
  return { errors, fields };
}

/** Creates a problem (`/problems/new`) or edits one (`/problems/:slug/edit`): one form for both. */
export function ProblemEditorPage() {
  const { slug } = useParams();
  return slug ? <EditProblem slug={slug} /> : <CreateProblem />;
}

function CreateProblem() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const [form, setForm] = useState<Form>(EMPTY);
  const [tests, setTests] = useState<{ key: string; draft: TestDraft }[]>([]);
  const [errors, setErrors] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const { errors: errs, fields } = toFields(form, t, true);
    if (!SLUG.test(form.slug)) errs.unshift(t('editor.errSlug'));
    setErrors(errs);
    if (errs.length) return;
    setBusy(true);
    try {
      const p = await authoring.create({ ...fields, slug: form.slug, tests: tests.map((x) => x.draft) });
      navigate(`/problems/${encodeURIComponent(p.slug ?? form.slug)}`, { state: { created: true } });
    } catch (err) {
      setErrors([errorText(err, t)]);
      setBusy(false);
    }
  }

  return (
    <main className="page page-form" id="main">
      <nav className="breadcrumb" aria-label={t('common.breadcrumb')}>
        <Link to="/problems">{t('nav.problems')}</Link>
        <span aria-hidden="true">/</span>
        <span>{t('editor.newTitle')}</span>
      </nav>
      <h1>{t('editor.newTitle')}</h1>
      <p className="lead">{t('editor.newLead')}</p>
      <div className="editor-stack">
        <ProblemForm
          form={form}
          onChange={(f) => {
            setForm(f);
            setErrors([]);
          }}
          onSubmit={submit}
          creating
        />
        <TestsEditor
          rows={tests.map((x) => rowOf(x.key, x.draft))}
          load={async (row) => tests.find((x) => x.key === row.key)!.draft}
          save={async (draft, row) => {
            const clash = tests.find(
              (x) => x.draft.name === draft.name && x.draft.kind === draft.kind && x.key !== row?.key,
            );
            if (clash) throw new ApiError(400, 'DUPLICATE_TEST', t('tests.duplicate', { name: draft.name }));
            setTests((all) =>
              row
                ? all.map((x) => (x.key === row.key ? { ...x, draft } : x))
                : [...all, { key: crypto.randomUUID?.() ?? String(Date.now()), draft }],
            );
          }}
          remove={async (row) => setTests((all) => all.filter((x) => x.key !== row.key))}
        />
        <SaveBar errors={errors}>
          <button type="submit" form="problem-form" className="btn btn-primary" disabled={busy}>
            {busy ? t('editor.creating') : t('editor.create')}
          </button>
          <Link to="/problems" className="btn btn-ghost">
            {t('common.cancel')}
          </Link>
        </SaveBar>
      </div>
    </main>
  );
}

function EditProblem({ slug }: { slug: string }) {
  const { t, locale } = useI18n();
  const problem = useAsync((signal) => authoring.problem(slug, signal), [slug]);
  const tests = useAsync((signal) => authoring.tests(slug, signal), [slug]);
  const [form, setForm] = useState<Form | null>(null);
  const [checkerTouched, setCheckerTouched] = useState(false);
  const [errors, setErrors] = useState<string[]>([]);
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (problem.data) setForm(fromProblem(problem.data, locale));
    // Only a fresh read of the problem resets the form, not a change of display language.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [problem.data]);

  if (problem.error) {
    return (
      <main className="page page-form" id="main">
        <ErrorState message={errorText(problem.error, t)} onRetry={problem.reload} />
      </main>
    );
  }
  if (!problem.data || !form) {
    return (
      <main className="page page-form" id="main">
        <Loading />
      </main>
    );
  }
  const p = problem.data;

  /** The problem is in an open assignment: change how it is judged anyway? (then rejudge) */
  const askOpenAssignment = (message: string) => window.confirm(`${t('editor.openAssignment')}\n\n${message}`);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!form) return;
    const { errors: errs, fields } = toFields(form, t, checkerTouched);
    setErrors(errs);
    setSaved(false);
    if (errs.length) return;
    setBusy(true);
    try {
      await changeJudging((confirm) => authoring.update(slug, fields, confirm), askOpenAssignment);
      setSaved(true);
      setCheckerTouched(false);
    } catch (err) {
      setErrors([errorText(err, t)]);
    } finally {
      setBusy(false);
    }
  }

  const rows: TestRow[] = (tests.data ?? [])
    .slice()
    .sort((a, b) => a.ordinal - b.ordinal)
    .map((x) => ({ ...x, key: x.id }));

  return (
    <main className="page page-form" id="main">
      <StaffPageHead slug={slug} title={t('editor.editTitle', { name: localized(p.name, locale) || slug })} />
      <div className="editor-stack">
        <ProblemForm
          form={form}
          onChange={(f) => {
            if (f.checker !== form.checker || f.absTol !== form.absTol || f.relTol !== form.relTol)
              setCheckerTouched(true);
            setSaved(false);
            setErrors([]);
            setForm(f);
          }}
          onSubmit={submit}
        />
        <SaveBar errors={errors} saved={saved}>
          <button type="submit" form="problem-form" className="btn btn-primary" disabled={busy}>
            {busy ? t('common.saving') : t('editor.save')}
          </button>
        </SaveBar>
      </div>
      <TestsEditor
        rows={rows}
        loading={tests.loading}
        loadError={tests.error ? errorText(tests.error, t) : null}
        load={(row) => authoring.test(slug, row.key)}
        save={async (draft, row) => {
          await changeJudging(
            (confirm) =>
              row ? authoring.updateTest(slug, row.key, draft, confirm) : authoring.addTest(slug, draft, confirm),
            askOpenAssignment,
          );
          tests.reload();
        }}
        remove={async (row) => {
          await changeJudging((confirm) => authoring.deleteTest(slug, row.key, confirm), askOpenAssignment);
          tests.reload();
        }}
      />
    </main>
  );
}

function SaveBar({ errors, saved, children }: { errors: string[]; saved?: boolean; children: ReactNode }) {
  const { t } = useI18n();
  return (
    <div className="save-bar">
      {errors.length > 0 && (
        <Alert>
          {errors.length === 1 ? (
            errors[0]
          ) : (
            <ul className="error-list">
              {errors.map((e) => (
                <li key={e}>{e}</li>
              ))}
            </ul>
          )}
        </Alert>
      )}
      <div className="actions">
        {children}
        <span className="muted small" role="status">
          {saved ? t('editor.saved') : ''}
        </span>
      </div>
    </div>
  );
}

function ProblemForm({
  form,
  onChange,
  onSubmit,
  creating,
}: {
  form: Form;
  onChange(f: Form): void;
  onSubmit(e: FormEvent): void;
  creating?: boolean;
}) {
  const { t } = useI18n();
  const set = <K extends keyof Form>(key: K, v: Form[K]) => onChange({ ...form, [key]: v });
  return (
    <form id="problem-form" className="editor-stack" onSubmit={onSubmit} noValidate>
      <section className="card" aria-labelledby="basics-h">
        <h2 className="h3" id="basics-h">
          {t('editor.basics')}
        </h2>
        <div className="form">
          <div className="form-row">
            <div className="field">
              <label htmlFor="p-name">{t('editor.name')}</label>
              <input
                id="p-name"
                type="text"
                value={form.name}
                maxLength={300}
                required
                onChange={(e) => set('name', e.target.value)}
              />
            </div>
            <div className="field">
              <label htmlFor="p-slug">{t('editor.slug')}</label>
              <input
                id="p-slug"
                type="text"
                className="mono"
                value={form.slug}
                readOnly={!creating}
                required
                pattern="[a-z0-9][a-z0-9\-]{0,99}"
                autoCapitalize="off"
                spellCheck={false}
                aria-describedby="p-slug-hint"
                onChange={(e) => set('slug', e.target.value.toLowerCase())}
              />
              <span className="hint" id="p-slug-hint">
                {creating ? t('editor.slugHint') : t('editor.slugFixed')}
              </span>
            </div>
          </div>
          <div className="form-row form-row-3">
            <NumberField
              id="p-time"
              label={t('editor.timeLimit')}
              unit="ms"
              value={form.timeLimitMs}
              onChange={(v) => set('timeLimitMs', v)}
            />
            <NumberField
              id="p-memory"
              label={t('editor.memoryLimit')}
              unit="MB"
              value={form.memoryLimitMb}
              onChange={(v) => set('memoryLimitMb', v)}
            />
            <NumberField
              id="p-output"
              label={t('editor.outputLimit')}
              unit="KB"
              value={form.outputLimitKb}
              placeholder={t('editor.default')}
              onChange={(v) => set('outputLimitKb', v)}
            />
          </div>
          <div className="form-row">
            <div className="field">
              <label htmlFor="p-checker">{t('editor.checker')}</label>
              <select
                id="p-checker"
                value={form.checker}
                aria-describedby="p-checker-hint"
                onChange={(e) => set('checker', e.target.value as Form['checker'])}
              >
                {CHECKER_TYPES.map((c) => (
                  <option key={c} value={c}>
                    {t(`checker.${c}` as MessageKey)}
                  </option>
                ))}
                {form.checker === 'custom' && <option value="custom">{t('checker.custom')}</option>}
              </select>
              <span className="hint" id="p-checker-hint">
                {t(`checker.${form.checker}.hint` as MessageKey)}
              </span>
            </div>
            {form.checker === 'float' && (
              <div className="form-row">
                <NumberField
                  id="p-abs"
                  label={t('editor.absTol')}
                  value={form.absTol}
                  onChange={(v) => set('absTol', v)}
                  any
                />
                <NumberField
                  id="p-rel"
                  label={t('editor.relTol')}
                  value={form.relTol}
                  onChange={(v) => set('relTol', v)}
                  any
                />
              </div>
            )}
          </div>
        </div>
      </section>
      <StatementEditor value={form.statement} title={form.name} onChange={(v) => set('statement', v)} />
      <section className="card" aria-labelledby="policy-h">
        <h2 className="h3" id="policy-h">
          {t('policy.title')}
        </h2>
        <p className="hint">{t('policy.lead')}</p>
        <PolicyEditor value={form.policy} onChange={(p) => set('policy', p)} />
      </section>
    </form>
  );
}

function NumberField({
  id,
  label,
  unit,
  value,
  placeholder,
  any,
  onChange,
}: {
  id: string;
  label: string;
  unit?: string;
  value: string;
  placeholder?: string;
  any?: boolean;
  onChange(v: string): void;
}) {
  return (
    <div className="field">
      <label htmlFor={id}>{unit ? `${label} (${unit})` : label}</label>
      <input
        id={id}
        type={any ? 'text' : 'number'}
        inputMode={any ? 'decimal' : 'numeric'}
        className="mono"
        min={any ? undefined : 0}
        value={value}
        placeholder={placeholder}
        onChange={(e) => onChange(e.target.value)}
      />
    </div>
  );
}

/** Markdown with a preview rendered exactly as students will see it. */
function StatementEditor({ value, title, onChange }: { value: string; title: string; onChange(v: string): void }) {
  const { t } = useI18n();
  const [tab, setTab] = useState<'write' | 'preview'>('write');
  return (
    <section className="card" aria-labelledby="statement-edit-h">
      <div className="section-head">
        <h2 className="h3" id="statement-edit-h">
          {t('problem.statement')}
        </h2>
        <div className="segmented" role="tablist" aria-label={t('editor.statementView')}>
          {(['write', 'preview'] as const).map((k) => (
            <button
              key={k}
              type="button"
              role="tab"
              id={`statement-tab-${k}`}
              aria-selected={tab === k}
              aria-controls={`statement-panel-${k}`}
              className={tab === k ? 'active' : ''}
              onClick={() => setTab(k)}
            >
              {t(k === 'write' ? 'editor.write' : 'editor.preview')}
            </button>
          ))}
        </div>
      </div>
      {tab === 'write' ? (
        <div className="field" role="tabpanel" id="statement-panel-write" aria-labelledby="statement-tab-write">
          <label htmlFor="p-statement" className="sr-only">
            {t('editor.statementMarkdown')}
          </label>
          <textarea
            id="p-statement"
            className="mono statement-input"
            rows={14}
            value={value}
            placeholder={t('editor.statementPlaceholder')}
            aria-describedby="p-statement-hint"
            onChange={(e) => onChange(e.target.value)}
          />
          <span className="hint" id="p-statement-hint">
            {t('editor.statementHint')}
          </span>
        </div>
      ) : (
        <div
          className="statement-preview"
          role="tabpanel"
          id="statement-panel-preview"
          aria-labelledby="statement-tab-preview"
          tabIndex={0}
        >
          {value.trim() ? (
            <Markdown source={value} title={title} />
          ) : (
            <p className="muted">{t('problem.noStatement')}</p>
          )}
        </div>
      )}
    </section>
  );
}
