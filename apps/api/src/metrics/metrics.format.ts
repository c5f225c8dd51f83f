/** One Prometheus metric family in the text exposition format (version 0.0.4). */
export interface Family {
  name: string;
  help: string;
  type: 'gauge' | 'counter' | 'histogram';
  samples: { labels?: Record<string, string>; value: number; suffix?: string }[];
}

const escape = (v: string) => v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');

export function formatMetrics(families: Family[]): string {
  const lines: string[] = [];
  for (const f of families) {
    lines.push(`# HELP ${f.name} ${f.help}`, `# TYPE ${f.name} ${f.type}`);
    for (const s of f.samples) {
      const labels = Object.entries(s.labels ?? {});
      const l = labels.length ? `{${labels.map(([k, v]) => `${k}="${escape(v)}"`).join(',')}}` : '';
      lines.push(`${f.name}${s.suffix ?? ''}${l} ${Number.isFinite(s.value) ? s.value : 0}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

/** Cumulative histogram samples (`_bucket` with `le`, `_sum`, `_count`) from raw observations. */
export function histogram(
  observations: number[],
  buckets: number[],
  labels: Record<string, string> = {},
): Family['samples'] {
  const samples: Family['samples'] = buckets.map((le) => ({
    suffix: '_bucket',
    labels: { ...labels, le: String(le) },
    value: observations.filter((o) => o <= le).length,
  }));
  samples.push({ suffix: '_bucket', labels: { ...labels, le: '+Inf' }, value: observations.length });
  samples.push({ suffix: '_sum', labels, value: observations.reduce((a, b) => a + b, 0) });
  samples.push({ suffix: '_count', labels, value: observations.length });
  return samples;
}
