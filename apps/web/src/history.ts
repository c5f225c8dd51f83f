/**
 * The signed-in user's own submissions, kept in this browser: the API has no list endpoint yet.
 * Newest first, capped.
 */
export interface HistoryEntry {
  id: string;
  problem: string;
  problemName?: string;
  language: string;
  createdAt: string;
}

const MAX = 200;
const key = (userId: string) => `bastion.submissions.${userId}`;

export function readHistory(userId: string): HistoryEntry[] {
  try {
    const raw = localStorage.getItem(key(userId));
    const list = raw ? (JSON.parse(raw) as HistoryEntry[]) : [];
    return Array.isArray(list) ? list.filter((e) => e && typeof e.id === 'string') : [];
  } catch {
    return [];
  }
}

export function addHistory(userId: string, entry: HistoryEntry): void {
  const list = [entry, ...readHistory(userId).filter((e) => e.id !== entry.id)].slice(0, MAX);
  try {
    localStorage.setItem(key(userId), JSON.stringify(list));
  } catch {
    /* storage full or unavailable: the submission still exists on the server */
  }
}
