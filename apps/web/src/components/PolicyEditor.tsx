import { useId, useState, type KeyboardEvent } from 'react';
import { FAIL_ON, POLICY_NAME, type SecurityPolicy } from '../authoring';
import { useI18n, type MessageKey } from '../i18n';

/** The security policy of a problem: how much security counts, which checks run, what fails a submission. */
export function PolicyEditor({ value, onChange }: { value: SecurityPolicy; onChange(p: SecurityPolicy): void }) {
  const { t } = useI18n();
  const set = <K extends keyof SecurityPolicy>(key: K, v: SecurityPolicy[K]) => onChange({ ...value, [key]: v });
  const weightOk = Number.isFinite(value.weight) && value.weight >= 0 && value.weight <= 1;
  return (
    <div className="form policy">
      <div className="form-row">
        <div className="field">
          <label htmlFor="policy-weight">{t('policy.weight')}</label>
          <input
            id="policy-weight"
            type="number"
            min={0}
            max={1}
            step={0.05}
            inputMode="decimal"
            value={Number.isNaN(value.weight) ? '' : value.weight}
            aria-describedby="policy-weight-hint"
            aria-invalid={!weightOk}
            onChange={(e) => set('weight', e.target.value === '' ? NaN : Number(e.target.value))}
          />
          <span className="hint" id="policy-weight-hint">
            {weightOk ? t('policy.weightHint', { pct: Math.round(value.weight * 100) }) : t('policy.weightInvalid')}
          </span>
        </div>
        <div className="field">
          <label htmlFor="policy-fail-on">{t('policy.failOn')}</label>
          <select
            id="policy-fail-on"
            value={value.failOn}
            aria-describedby="policy-fail-on-hint"
            onChange={(e) => set('failOn', e.target.value as SecurityPolicy['failOn'])}
          >
            {FAIL_ON.map((s) => (
              <option key={s} value={s}>
                {t(`policy.failOn.${s}` as MessageKey)}
              </option>
            ))}
          </select>
          <span className="hint" id="policy-fail-on-hint">
            {t('policy.failOnHint')}
          </span>
        </div>
      </div>
      <div className="checks">
        <label className="check">
          <input type="checkbox" checked={value.static} onChange={(e) => set('static', e.target.checked)} />
          <span>
            <strong>{t('policy.static')}</strong>
            <span className="hint">{t('policy.staticHint')}</span>
          </span>
        </label>
        <label className="check">
          <input type="checkbox" checked={value.sanitizers} onChange={(e) => set('sanitizers', e.target.checked)} />
          <span>
            <strong>{t('policy.sanitizers')}</strong>
            <span className="hint">{t('policy.sanitizersHint')}</span>
          </span>
        </label>
      </div>
      <div className="form-row">
        <NameList
          label={t('policy.bannedApis')}
          hint={t('policy.bannedApisHint')}
          placeholder="gets"
          values={value.bannedApis}
          onChange={(v) => set('bannedApis', v)}
        />
        <NameList
          label={t('policy.disabledRules')}
          hint={t('policy.disabledRulesHint')}
          placeholder="flawfinder.system"
          values={value.disabledRules}
          onChange={(v) => set('disabledRules', v)}
        />
      </div>
    </div>
  );
}

/** A list of names edited as removable chips; typing a name and pressing Enter (or Add) appends it. */
export function NameList({
  label,
  hint,
  placeholder,
  values,
  onChange,
}: {
  label: string;
  hint: string;
  placeholder?: string;
  values: string[];
  onChange(values: string[]): void;
}) {
  const { t } = useI18n();
  const id = useId();
  const [draft, setDraft] = useState('');
  const [error, setError] = useState<string | null>(null);

  function add() {
    const names = draft.split(/[\s,]+/).filter(Boolean);
    if (!names.length) return;
    const bad = names.find((n) => !POLICY_NAME.test(n));
    if (bad) {
      setError(t('policy.badName', { name: bad }));
      return;
    }
    onChange([...values, ...names.filter((n, i) => !values.includes(n) && names.indexOf(n) === i)]);
    setDraft('');
    setError(null);
  }
  const onKey = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Enter') {
      e.preventDefault();
      add();
    }
  };

  return (
    <div className="field">
      <label htmlFor={`${id}-input`}>{label}</label>
      {values.length > 0 && (
        <ul className="name-chips">
          {values.map((v) => (
            <li key={v} className="name-chip">
              <span className="mono">{v}</span>
              <button
                type="button"
                className="name-chip-remove"
                aria-label={t('policy.remove', { name: v })}
                onClick={() => onChange(values.filter((x) => x !== v))}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      <div className="input-add">
        <input
          id={`${id}-input`}
          type="text"
          className="mono"
          value={draft}
          placeholder={placeholder}
          autoCapitalize="off"
          spellCheck={false}
          aria-describedby={`${id}-hint`}
          aria-invalid={!!error}
          onChange={(e) => {
            setDraft(e.target.value);
            setError(null);
          }}
          onKeyDown={onKey}
        />
        <button
          type="button"
          className="btn btn-secondary btn-sm"
          onClick={add}
          aria-label={t('policy.addTo', { list: label })}
        >
          {t('policy.add')}
        </button>
      </div>
      <span className={error ? 'hint hint-error' : 'hint'} id={`${id}-hint`} role={error ? 'alert' : undefined}>
        {error ?? hint}
      </span>
    </div>
  );
}
