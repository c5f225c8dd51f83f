import { pathRows } from './evidence-steps';

describe('pathRows', () => {
  it('shows a line once when consecutive steps are on it, with each kind of step', () => {
    const steps = [
      { line: 4, what: 'input' },
      { line: 4, what: 'sink' },
      { line: 6, what: 'assign' },
      { line: 4, what: 'sink' },
      { line: 4, what: 'sink' },
    ];
    expect(pathRows(steps)).toEqual([
      { line: 4, whats: ['input', 'sink'] },
      { line: 6, whats: ['assign'] },
      { line: 4, whats: ['sink'] },
    ]);
    expect(pathRows([])).toEqual([]);
  });
});
