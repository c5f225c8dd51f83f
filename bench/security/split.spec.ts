import { acceptedCwes, rightFamily } from './families';
import { partOf, sampleOrder } from './split';

describe('the split', () => {
  it('puts about 70% of ids in the tuning part, the same way every time', () => {
    const ids = Array.from({ length: 10_000 }, (_, i) => `suite:case-${i}`);
    const tuning = ids.filter((id) => partOf(id) === 'tuning').length;
    expect(tuning / ids.length).toBeGreaterThan(0.68);
    expect(tuning / ids.length).toBeLessThan(0.72);
    expect(ids.map(partOf)).toEqual(ids.map(partOf));
  });

  it('samples one case per template before any second one', () => {
    const c = ['a', 'b', 'c'].flatMap((v) => [1, 2, 3].map((k) => ({ id: `${v}${k}`, variant: v })));
    const order = sampleOrder(c);
    expect(new Set(order.slice(0, 3).map((x) => x.variant)).size).toBe(3);
    expect(sampleOrder([...c].reverse())).toEqual(order);
  });
});

describe('families', () => {
  it('accepts what tools call a bug of the family, and not what they call another', () => {
    expect(rightFamily('CWE121', 'CWE-787')).toBe(true);
    expect(rightFamily('CWE126', 'CWE-125')).toBe(true);
    expect(rightFamily('CWE121', 'CWE-416')).toBe(false);
    expect(acceptedCwes('CWE415').has(119)).toBe(false);
    expect(rightFamily('CWE190', 'CWE-122')).toBe(true);
    expect(rightFamily('CWE78', 'CWE-20')).toBe(false);
    expect([...acceptedCwes('CWE4242')]).toEqual([4242]);
  });

  it("follows MITRE's ChildOf links that were added: a child's case accepts its parent's group", () => {
    expect(rightFamily('CWE641', 'CWE-22')).toBe(true); // 641 ChildOf 99
    expect(rightFamily('CWE331', 'CWE-338')).toBe(true); // 331 ChildOf 330
    expect(rightFamily('CWE319', 'CWE-614')).toBe(true); // 614 ChildOf 319
    expect(rightFamily('CWE414', 'CWE-667')).toBe(true); // 414 ChildOf 667
    expect(rightFamily('CWE400', 'CWE-1333')).toBe(true); // 1333 ChildOf 407 ChildOf 405 ChildOf 400
    expect(rightFamily('CWE789', 'CWE-1333')).toBe(false);
    expect(rightFamily('CWE250', 'CWE-269')).toBe(true); // 250 ChildOf 269
    expect(rightFamily('CWE703', 'CWE-390')).toBe(true); // 390 ChildOf 755 ChildOf 703
    expect(rightFamily('CWE209', 'CWE-200')).toBe(true); // 209 ChildOf 200
    expect(rightFamily('CWE1204', 'CWE-329')).toBe(true); // 329 ChildOf 1204
    expect(rightFamily('CWE339', 'CWE-338')).toBe(true); // 339 ChildOf 335 ChildOf 330
    expect(rightFamily('CWE116', 'CWE-117')).toBe(true); // 117 ChildOf 116
    expect(rightFamily('CWE200', 'CWE-532')).toBe(true); // 532 ChildOf 538 ChildOf 200
    expect(rightFamily('CWE200', 'CWE-497')).toBe(true); // 497 ChildOf 200
    expect(rightFamily('CWE79', 'CWE-117')).toBe(false);
    expect(rightFamily('CWE22', 'CWE-614')).toBe(false);
  });
});
