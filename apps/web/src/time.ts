/** Instants and time zones: deadlines are set and shown in the course's zone, and in the viewer's own. */

import { useEffect, useState } from 'react';
import type { Translate } from './i18n';

/** The zone this browser runs in (UTC when it does not say). */
export function browserZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  } catch {
    return 'UTC';
  }
}

/** The wall-clock fields of an instant in a zone. */
function wallClock(ms: number, timeZone: string) {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(ms));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  return { y: get('year'), mo: get('month'), d: get('day'), h: get('hour') % 24, mi: get('minute'), s: get('second') };
}

/** How far the zone's wall clock is ahead of UTC at an instant, in ms. */
function offsetAt(ms: number, timeZone: string): number {
  const w = wallClock(ms, timeZone);
  return Date.UTC(w.y, w.mo - 1, w.d, w.h, w.mi, w.s) - Math.floor(ms / 1000) * 1000;
}

/**
 * A datetime-local value ("2027-03-09T23:59") read as a wall-clock time in `timeZone`, as an ISO
 * instant; null when it is not a date and time. A time that does not exist (a spring-forward gap)
 * lands just after the gap.
 */
export function zonedToInstant(local: string, timeZone: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(local);
  if (!m) return null;
  const [, y, mo, d, h, mi, s] = m.map(Number);
  const asUtc = Date.UTC(y, mo - 1, d, h, mi, Number.isNaN(s) ? 0 : s);
  if (Number.isNaN(asUtc)) return null;
  // Two passes: the offset at the first guess may differ from the one at the answer (near a DST change).
  const first = asUtc - offsetAt(asUtc, timeZone);
  const second = asUtc - offsetAt(first, timeZone);
  // In a gap neither reads back as the wall-clock time asked for: take the later, past the gap.
  const exact = instantToZoned(second, timeZone) === local.slice(0, 16);
  return new Date(exact ? second : Math.max(first, second)).toISOString();
}

/** An instant as a datetime-local value in `timeZone` (minutes). */
export function instantToZoned(ms: number, timeZone: string): string {
  const w = wallClock(ms, timeZone);
  const p = (n: number, l = 2) => String(n).padStart(l, '0');
  return `${p(w.y, 4)}-${p(w.mo)}-${p(w.d)}T${p(w.h)}:${p(w.mi)}`;
}

const intlLocale = (locale: string) => (locale === 'ko' ? 'ko-KR' : 'en-GB');

/** An instant in words in a zone, with the zone's short name ("9 Mar 2027, 23:59 GMT+9"). */
export function formatInZone(iso: string, timeZone: string, locale: string): string {
  try {
    return (
      new Intl.DateTimeFormat(intlLocale(locale), {
        timeZone,
        dateStyle: 'medium',
        timeStyle: 'short',
      }).format(new Date(iso)) + ` (${zoneName(iso, timeZone, locale)})`
    );
  } catch {
    return new Date(iso).toISOString();
  }
}

function zoneName(iso: string, timeZone: string, locale: string): string {
  const part = new Intl.DateTimeFormat(intlLocale(locale), { timeZone, timeZoneName: 'short' })
    .formatToParts(new Date(iso))
    .find((p) => p.type === 'timeZoneName')?.value;
  return part && part !== timeZone ? `${timeZone}, ${part}` : timeZone;
}

/** Whether two zones show the same wall clock at this instant (then one is enough). */
export function sameClock(iso: string, a: string, b: string): boolean {
  if (a === b) return true;
  try {
    const ms = new Date(iso).getTime();
    return offsetAt(ms, a) === offsetAt(ms, b);
  } catch {
    return false;
  }
}

/** "3 h 12 min", "5 min" for a positive span; days ("2 d 4 h") from 48 hours on. */
export function span(ms: number, t: Translate): string {
  const minutes = Math.max(1, Math.ceil(ms / 60_000));
  if (minutes >= 48 * 60) return t('time.dh', { d: Math.floor(minutes / 1440), h: Math.floor((minutes % 1440) / 60) });
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  if (h > 0) return t('time.hm', { h, m });
  return t('time.m', { m });
}

/** The current time, again every `everyMs`. */
export function useNow(everyMs = 30_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}

export const COMMON_ZONES = ['UTC', 'Asia/Seoul', 'Asia/Tokyo', 'Europe/London', 'America/New_York'];

/** The zones the course form offers: common ones, the browser's own, and the current value. */
export function zoneChoices(current?: string): string[] {
  return [...new Set([browserZone(), ...COMMON_ZONES, ...(current ? [current] : [])])];
}
