import { formatMetrics, histogram } from './metrics.format';

describe('Prometheus text format', () => {
  it('writes families with help, type and escaped labels', () => {
    const text = formatMetrics([
      {
        name: 'bastion_queue_jobs',
        help: 'Jobs by state.',
        type: 'gauge',
        samples: [{ labels: { state: 'wait"ing' }, value: 3 }],
      },
    ]);
    expect(text).toBe(
      '# HELP bastion_queue_jobs Jobs by state.\n# TYPE bastion_queue_jobs gauge\nbastion_queue_jobs{state="wait\\"ing"} 3\n',
    );
  });

  it('builds cumulative histogram buckets', () => {
    const s = histogram([0.2, 0.7, 3], [0.5, 1, 5], { language: 'c' });
    expect(s.map((x) => `${x.suffix}${x.labels?.le ?? ''}=${x.value}`)).toEqual([
      '_bucket0.5=1',
      '_bucket1=2',
      '_bucket5=3',
      '_bucket+Inf=3',
      '_sum=3.9',
      '_count=3',
    ]);
  });
});
