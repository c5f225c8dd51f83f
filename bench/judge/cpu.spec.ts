import { parseStat } from './cpu';

describe('parseStat', () => {
  it('reads ppid, CPU ticks and start time after a name with spaces and parentheses', () => {
    const line = '4242 (tmux: server) (x)) S 1 4242 4242 0 -1 4194560 1234 0 0 0 170 35 7 9 20 0 1 0 98765 1 2 3 4\n';
    expect(parseStat(line)).toEqual({ comm: 'tmux: server) (x)', ppid: 1, ticks: 205, start: '98765' });
  });

  it('reads a kernel thread', () => {
    const line = '57 (kworker/1:1-events) I 2 0 0 0 -1 69238880 0 0 0 0 0 12 0 0 20 0 1 0 140 0 0 18446744073709551615';
    expect(parseStat(line)).toMatchObject({ comm: 'kworker/1:1-events', ppid: 2, ticks: 12, start: '140' });
  });
});
