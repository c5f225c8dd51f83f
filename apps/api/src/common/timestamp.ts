import { ValidateBy } from 'class-validator';

const TIMESTAMP =
  /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(?:Z|[+-](\d{2}):?(\d{2}))?)?$/;

const daysIn = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

/**
 * An ISO 8601 date or date-time that names a real moment PostgreSQL can store: `2020-02-30` is
 * refused (not rolled over to March), as are year 0, hour 24, week and ordinal dates.
 */
export function isTimestamp(value: unknown): boolean {
  const m = typeof value === 'string' ? TIMESTAMP.exec(value) : null;
  if (!m) return false;
  const [year, month, day, hour, minute, second, zoneHour, zoneMinute] = m.slice(1).map((s) => Number(s ?? 0));
  return (
    year >= 1 &&
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= daysIn(year, month) &&
    hour <= 23 &&
    minute <= 59 &&
    second <= 59 &&
    zoneHour <= 14 &&
    zoneMinute <= 59
  );
}

/** A date-time query or body field, e.g. `2026-11-01T00:00:00Z`. */
export const IsTimestamp = () =>
  ValidateBy({
    name: 'isTimestamp',
    validator: {
      validate: isTimestamp,
      defaultMessage: (a) => `${a?.property} must be a real ISO 8601 date or date-time, e.g. 2026-11-01T00:00:00Z`,
    },
  });
