import { useRef, useState, type FormEvent } from 'react';
import { Link } from 'react-router-dom';
import { api, errorText, localized, type ProblemSummary } from '../api';
import { Alert } from '../components/common';
import { useI18n } from '../i18n';

/** The import's answer: the problem, and its reference solutions when the package has some. */
type Imported = ProblemSummary & { referenceSolutions?: number; verification?: unknown };

export function UploadPage() {
  const { t, locale } = useI18n();
  const fileRef = useRef<HTMLInputElement>(null);
  const [slug, setSlug] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [created, setCreated] = useState<Imported | null>(null);

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    const file = fileRef.current?.files?.[0];
    setError(null);
    setCreated(null);
    if (!file) {
      setError(t('upload.chooseFile'));
      return;
    }
    setBusy(true);
    try {
      setCreated(await api.importProblem(file, slug.trim() || undefined));
    } catch (err) {
      setError(errorText(err, t));
    } finally {
      setBusy(false);
    }
  }

  return (
    <main className="page page-narrow" id="main">
      <h1>{t('upload.title')}</h1>
      <p className="lead">{t('upload.lead')}</p>
      <section className="card">
        <form className="form" onSubmit={onSubmit}>
          <div className="field">
            <label htmlFor="package">{t('upload.file')}</label>
            <input id="package" ref={fileRef} type="file" accept=".zip,application/zip" className="file-input" />
          </div>
          <div className="field">
            <label htmlFor="slug">{t('upload.slug')}</label>
            <input
              id="slug"
              type="text"
              value={slug}
              onChange={(e) => setSlug(e.target.value)}
              pattern="[a-z0-9][a-z0-9\-]{0,99}"
              aria-describedby="slug-hint"
              autoCapitalize="off"
              spellCheck={false}
            />
            <span className="hint" id="slug-hint">
              {t('upload.slugHint')}
            </span>
          </div>
          <div className="actions">
            <button type="submit" className="btn btn-primary" disabled={busy}>
              {busy ? t('upload.busy') : t('upload.submit')}
            </button>
          </div>
        </form>
        {error && <Alert>{error}</Alert>}
        {created && (
          <Alert tone="success">
            <p>
              {t('upload.done', {
                name: localized(created.name, locale) || created.slug,
                tests: created.tests ?? '?',
              })}
            </p>
            {(created.referenceSolutions ?? 0) > 0 && (
              <p>{t('upload.verifying', { n: created.referenceSolutions! })}</p>
            )}
            <p className="actions">
              <Link to={`/problems/${created.slug}`}>{t('upload.open')} →</Link>
              {(created.referenceSolutions ?? 0) > 0 && (
                <Link to={`/problems/${created.slug}/verify`}>{t('upload.openVerify')} →</Link>
              )}
            </p>
          </Alert>
        )}
      </section>
    </main>
  );
}
