import { useState, type FormEvent } from 'react';
import { api, errorText, type Assignment, type AssignmentInput, type ScoreboardMode } from '../api';
import { useI18n } from '../i18n';
import { instantToZoned, zonedToInstant } from '../time';
import { Alert } from './common';

interface Row {
  key: number;
  problem: string;
  points: string;
}

/** Opening now (to the minute), deadline a week later at 23:59, both in the course's zone. */
function defaults(zone: string) {
  const now = Date.now();
  const week = instantToZoned(now + 7 * 86_400_000, zone);
  return { opensAt: instantToZoned(now, zone), closesAt: `${week.slice(0, 10)}T23:59` };
}

/** A new assignment (course instructors): problems with points, schedule in the course's zone, rules. */
export function AssignmentForm({
  courseId,
  zone,
  onCreated,
}: {
  courseId: string;
  zone: string;
  onCreated(a: Assignment): void;
}) {
  const { t } = useI18n();
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [rows, setRows] = useState<Row[]>([{ key: 1, problem: '', points: '100' }]);
  const [{ opensAt, closesAt }, setSchedule] = useState(() => defaults(zone));
  const [late, setLate] = useState(false);
  const [per, setPer] = useState<'day' | 'hour'>('day');
  const [penalty, setPenalty] = useState('10');
  const [cutoff, setCutoff] = useState('');
  const [practice, setPractice] = useState(false);
  const [counting, setCounting] = useState<'best' | 'last'>('best');
  const [attempts, setAttempts] = useState('');
  const [scoreboard, setScoreboard] = useState<ScoreboardMode>('off');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const setRow = (key: number, patch: Partial<Row>) =>
    setRows((rs) => rs.map((r) => (r.key === key ? { ...r, ...patch } : r)));

  /** The form as the API's input, or the first thing wrong with it in words. */
  function toInput(): AssignmentInput | string {
    const problems = rows
      .filter((r) => r.problem.trim())
      .map((r) => ({ problem: r.problem.trim(), points: Number(r.points) }));
    if (!title.trim()) return t('assignForm.needTitle');
    if (!problems.length) return t('assignForm.needProblem');
    if (problems.some((p) => !Number.isInteger(p.points) || p.points < 0)) return t('assignForm.badPoints');
    const open = zonedToInstant(opensAt, zone);
    const close = zonedToInstant(closesAt, zone);
    if (!open || !close) return t('assignForm.badDates');
    const cut = late && cutoff ? zonedToInstant(cutoff, zone) : null;
    if (late && cutoff && !cut) return t('assignForm.badDates');
    const max = attempts.trim() ? Number(attempts) : null;
    if (max !== null && (!Number.isInteger(max) || max < 1)) return t('assignForm.badAttempts');
    return {
      title: title.trim(),
      ...(description.trim() ? { description } : {}),
      opensAt: open,
      closesAt: close,
      latePolicy: late ? { per, penaltyPercent: Number(penalty) || 0, cutoffAt: cut } : null,
      maxAttempts: max,
      counting,
      practiceAfterCutoff: practice,
      scoreboard,
      problems,
    };
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    const input = toInput();
    if (typeof input === 'string') {
      setError(input);
      return;
    }
    setBusy(true);
    setError(null);
    try {
      onCreated(await api.createAssignment(courseId, input));
    } catch (err) {
      setError(errorText(err, t));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="form" onSubmit={submit} aria-labelledby="new-assignment-h">
      <div className="field">
        <label htmlFor="as-title">{t('assignForm.title')}</label>
        <input id="as-title" type="text" value={title} onChange={(e) => setTitle(e.target.value)} maxLength={200} />
      </div>
      <div className="field">
        <label htmlFor="as-description">{t('assignForm.description')}</label>
        <textarea id="as-description" rows={2} value={description} onChange={(e) => setDescription(e.target.value)} />
      </div>
      <fieldset className="fieldset">
        <legend className="label">{t('assignForm.problems')}</legend>
        {rows.map((r, i) => (
          <div className="problem-row" key={r.key}>
            <div className="field">
              <label htmlFor={`as-problem-${r.key}`}>{t('assignForm.problemSlug', { n: i + 1 })}</label>
              <input
                id={`as-problem-${r.key}`}
                type="text"
                className="mono"
                value={r.problem}
                placeholder="a-plus-b"
                autoCapitalize="off"
                spellCheck={false}
                onChange={(e) => setRow(r.key, { problem: e.target.value })}
              />
            </div>
            <div className="field">
              <label htmlFor={`as-points-${r.key}`}>{t('assignForm.points', { n: i + 1 })}</label>
              <input
                id={`as-points-${r.key}`}
                type="number"
                min={0}
                className="mono"
                value={r.points}
                onChange={(e) => setRow(r.key, { points: e.target.value })}
              />
            </div>
            <button
              type="button"
              className="btn btn-ghost btn-sm"
              disabled={rows.length === 1}
              aria-label={t('assignForm.removeProblem', { n: i + 1 })}
              onClick={() => setRows((rs) => rs.filter((x) => x.key !== r.key))}
            >
              ×
            </button>
          </div>
        ))}
        <div>
          <button
            type="button"
            className="btn btn-secondary btn-sm"
            onClick={() =>
              setRows((rs) => [...rs, { key: Math.max(...rs.map((x) => x.key)) + 1, problem: '', points: '100' }])
            }
          >
            + {t('assignForm.addProblem')}
          </button>
        </div>
      </fieldset>
      <div className="form-row">
        <div className="field">
          <label htmlFor="as-opens">{t('assignForm.opensAt')}</label>
          <input
            id="as-opens"
            type="datetime-local"
            value={opensAt}
            onChange={(e) => setSchedule((s) => ({ ...s, opensAt: e.target.value }))}
            aria-describedby="as-zone-hint"
          />
        </div>
        <div className="field">
          <label htmlFor="as-closes">{t('assignForm.closesAt')}</label>
          <input
            id="as-closes"
            type="datetime-local"
            value={closesAt}
            onChange={(e) => setSchedule((s) => ({ ...s, closesAt: e.target.value }))}
            aria-describedby="as-zone-hint"
          />
        </div>
      </div>
      <p className="hint" id="as-zone-hint">
        {t('assignForm.zoneHint', { zone })}
      </p>
      <fieldset className="fieldset">
        <legend className="label">{t('assignForm.latePolicy')}</legend>
        <label className="check-inline">
          <input type="checkbox" checked={late} onChange={(e) => setLate(e.target.checked)} />{' '}
          {t('assignForm.allowLate')}
        </label>
        {late && (
          <div className="form-row form-row-3">
            <div className="field">
              <label htmlFor="as-penalty">{t('assignForm.penalty')}</label>
              <input
                id="as-penalty"
                type="number"
                min={0}
                max={100}
                className="mono"
                value={penalty}
                onChange={(e) => setPenalty(e.target.value)}
              />
            </div>
            <div className="field">
              <label htmlFor="as-per">{t('assignForm.per')}</label>
              <select id="as-per" value={per} onChange={(e) => setPer(e.target.value as 'day' | 'hour')}>
                <option value="day">{t('assignForm.perDay')}</option>
                <option value="hour">{t('assignForm.perHour')}</option>
              </select>
            </div>
            <div className="field">
              <label htmlFor="as-cutoff">{t('assignForm.cutoff')}</label>
              <input id="as-cutoff" type="datetime-local" value={cutoff} onChange={(e) => setCutoff(e.target.value)} />
            </div>
          </div>
        )}
        <label className="check-inline">
          <input type="checkbox" checked={practice} onChange={(e) => setPractice(e.target.checked)} />{' '}
          {t('assignForm.practice')}
        </label>
      </fieldset>
      <div className="form-row form-row-3">
        <div className="field">
          <label htmlFor="as-counting">{t('assignForm.counting')}</label>
          <select id="as-counting" value={counting} onChange={(e) => setCounting(e.target.value as 'best' | 'last')}>
            <option value="best">{t('assignForm.countBest')}</option>
            <option value="last">{t('assignForm.countLast')}</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor="as-attempts">{t('assignForm.attempts')}</label>
          <input
            id="as-attempts"
            type="number"
            min={1}
            className="mono"
            value={attempts}
            placeholder={t('assignForm.unlimited')}
            onChange={(e) => setAttempts(e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor="as-scoreboard">{t('assignForm.scoreboard')}</label>
          <select
            id="as-scoreboard"
            value={scoreboard}
            onChange={(e) => setScoreboard(e.target.value as ScoreboardMode)}
          >
            <option value="off">{t('assignForm.boardOff')}</option>
            <option value="hidden">{t('assignForm.boardHidden')}</option>
            <option value="shown">{t('assignForm.boardShown')}</option>
          </select>
        </div>
      </div>
      {error && <Alert>{error}</Alert>}
      <div className="actions">
        <button type="submit" className="btn btn-primary" disabled={busy}>
          {busy ? t('assignForm.creating') : t('assignForm.create')}
        </button>
      </div>
    </form>
  );
}
