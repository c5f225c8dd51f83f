/** One step of a dataflow finding's path, as the API gives it. */
export interface PathStep {
  line: number;
  what: string;
}

/** Steps on one line, shown once: `scanf(…) → buf` read and copied on one line is one row, two labels. */
export interface PathRow {
  line: number;
  whats: string[];
}

/** Consecutive steps on the same line merged into one row, in order. */
export function pathRows(steps: readonly PathStep[]): PathRow[] {
  const rows: PathRow[] = [];
  for (const step of steps) {
    const last = rows[rows.length - 1];
    if (last && last.line === step.line) {
      if (!last.whats.includes(step.what)) last.whats.push(step.what);
    } else rows.push({ line: step.line, whats: [step.what] });
  }
  return rows;
}
