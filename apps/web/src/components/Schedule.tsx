import type { Assignment, ProblemStatus } from '../api';
import { useI18n, type MessageKey } from '../i18n';
import { browserZone, formatInZone, sameClock, span } from '../time';

/** Where an assignment stands now. */
export type Phase = 'upcoming' | 'open' | 'late' | 'practice' | 'closed';

export function phaseOf(a: Assignment, now: number): Phase {
  if (now < Date.parse(a.opensAt)) return 'upcoming';
  if (now <= Date.parse(a.closesAt)) return 'open';
  if (a.lastCountingAt === null || now <= Date.parse(a.lastCountingAt)) return 'late';
  return a.practiceAfterCutoff ? 'practice' : 'closed';
}

const PHASE_TONE: Record<Phase, string> = {
  upcoming: 'neutral',
  open: 'success',
  late: 'warning',
  practice: 'info',
  closed: 'danger',
};

export function PhaseBadge({ phase }: { phase: Phase }) {
  const { t } = useI18n();
  return (
    <span className={`badge badge-${PHASE_TONE[phase]}`} data-phase={phase}>
      <span className="badge-dot" aria-hidden="true" />
      {t(`phase.${phase}` as MessageKey)}
    </span>
  );
}

/** An instant in the course's zone and, when the viewer's clock differs, in theirs too. */
export function When({ iso, zone }: { iso: string; zone: string }) {
  const { t, locale } = useI18n();
  const mine = browserZone();
  return (
    <span className="when">
      <time dateTime={iso}>{formatInZone(iso, zone, locale)}</time>
      {!sameClock(iso, zone, mine) && (
        <span className="when-local muted small">{t('time.yours', { when: formatInZone(iso, mine, locale) })}</span>
      )}
    </span>
  );
}

/** "closes in 3 h 12 min" when the deadline is less than 48 hours away. */
export function Countdown({ closesAt, now }: { closesAt: string; now: number }) {
  const { t } = useI18n();
  const left = Date.parse(closesAt) - now;
  if (left <= 0 || left > 48 * 3600_000) return null;
  return (
    <span className="countdown" data-testid="countdown">
      {t('time.closesIn', { left: span(left, t) })}
    </span>
  );
}

const STATUS_TONE: Record<ProblemStatus, string> = {
  'not-tried': 'neutral',
  tried: 'danger',
  accepted: 'success',
  'accepted-vulnerable': 'warning',
};

export function ProblemStatusBadge({ status }: { status: ProblemStatus }) {
  const { t } = useI18n();
  return (
    <span className={`badge badge-${STATUS_TONE[status]}`} data-status={status}>
      <span className="badge-dot" aria-hidden="true" />
      {t(`standing.${status}` as MessageKey)}
    </span>
  );
}

/** The late policy in words: "−10% per started day, until …" or "no late submissions". */
export function LatePolicyText({ a, zone }: { a: Assignment; zone: string }) {
  const { t } = useI18n();
  if (!a.latePolicy) return <>{t('late.none')}</>;
  const per = t(a.latePolicy.per === 'day' ? 'late.perDay' : 'late.perHour', { n: a.latePolicy.penaltyPercent });
  return (
    <>
      {per}
      {a.latePolicy.cutoffAt ? (
        <>
          {t('late.until')} <When iso={a.latePolicy.cutoffAt} zone={zone} />
        </>
      ) : (
        t('late.noCutoff')
      )}
    </>
  );
}

/** Points to two decimals at most ("9", "7.5"). */
export const points = (n: number) => String(Math.round(n * 100) / 100);
