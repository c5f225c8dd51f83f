import type { DataSource, EntityManager } from 'typeorm';
import { cweName } from '@bastion/security';

export interface CweSummary {
  cwe: string;
  name: string | null;
  /** Student submissions with at least one finding of this CWE. */
  submissions: number;
  /** Students with this CWE in at least one submission. */
  students: number;
  /** Of those students, how many later submitted (and got analysed) without it. */
  fixedLater: number;
}

export interface SecurityOverview {
  /** Judged student submissions to the problem. */
  submissions: number;
  students: number;
  cwes: CweSummary[];
}

/**
 * Which weaknesses a problem's students write, and whether they fix them. Counts judged (`done`)
 * submissions of students only (an instructor's trials would skew it). A later submission counts as a
 * fix when it was analysed (security not null) and compiled: a CE says nothing about runtime findings.
 */
const QUERY = `
WITH subs AS (
  SELECT s.id, s.user_id, s.created_at, s.verdict, s.security
    FROM submissions s JOIN users u ON u.id = s.user_id
   WHERE s.problem_id = $1 AND s.status = 'done' AND u.role = 'student'
), hits AS (
  SELECT DISTINCT s.id, s.user_id, s.created_at, f->>'cwe' AS cwe
    FROM subs s
   CROSS JOIN LATERAL jsonb_array_elements(
           CASE WHEN jsonb_typeof(s.security->'findings') = 'array' THEN s.security->'findings' ELSE '[]'::jsonb END) f
   WHERE f->>'cwe' IS NOT NULL
), fixed AS (
  SELECT DISTINCT h.user_id, h.cwe
    FROM hits h
   WHERE EXISTS (
           SELECT 1 FROM subs l
            WHERE l.user_id = h.user_id AND l.created_at > h.created_at
              AND l.security IS NOT NULL AND l.verdict IS DISTINCT FROM 'CE'
              AND NOT EXISTS (SELECT 1 FROM hits x WHERE x.id = l.id AND x.cwe = h.cwe))
)
SELECT (SELECT count(*) FROM subs)::int AS total_submissions,
       (SELECT count(DISTINCT user_id) FROM subs)::int AS total_students,
       c.cwe, c.submissions, c.students, c.fixed_later
  FROM (SELECT 1) one
  LEFT JOIN (
    SELECT h.cwe, count(DISTINCT h.id)::int AS submissions, count(DISTINCT h.user_id)::int AS students,
           (SELECT count(*) FROM fixed f WHERE f.cwe = h.cwe)::int AS fixed_later
      FROM hits h GROUP BY h.cwe
  ) c ON true
 ORDER BY c.submissions DESC NULLS LAST, c.students DESC, c.cwe`;

interface Row {
  total_submissions: number;
  total_students: number;
  cwe: string | null;
  submissions: number | null;
  students: number | null;
  fixed_later: number | null;
}

/** The aggregation runs in PostgreSQL over the findings in submissions.security (jsonb). */
export async function securityOverview(db: DataSource | EntityManager, problemId: string): Promise<SecurityOverview> {
  const rows: Row[] = await db.query(QUERY, [problemId]);
  return overviewFromRows(rows);
}

export function overviewFromRows(rows: Row[]): SecurityOverview {
  return {
    submissions: rows[0]?.total_submissions ?? 0,
    students: rows[0]?.total_students ?? 0,
    cwes: rows
      .filter((r) => r.cwe !== null)
      .map((r) => ({
        cwe: r.cwe as string,
        name: cweName(r.cwe as string),
        submissions: r.submissions ?? 0,
        students: r.students ?? 0,
        fixedLater: r.fixed_later ?? 0,
      })),
  };
}
