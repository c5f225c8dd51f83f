import { pointersBeforeStart } from './before-start';

const names = (src: string) => pointersBeforeStart(src).map((p) => `${p.name}-${p.offset}@${p.line}`);

describe('pointersBeforeStart', () => {
  it('finds a pointer set before an array or an allocation', () => {
    expect(names('void f(void){ char buf[100]; char *p;\np = buf - 8; puts(p); }')).toEqual(['buf-8@2']);
    expect(
      names('#define ALLOC alloca\nvoid f(void){ wchar_t *b = (wchar_t *)ALLOC(400);\nwchar_t *d = b - 2; }'),
    ).toEqual(['b-2@3']);
    expect(names('void f(){ char *b = new char[100];\nuse(b - 1); }')).toEqual(['b-1@2']);
  });

  it('leaves index arithmetic, sizes, lengths and moved pointers alone', () => {
    const ordinary = [
      'int main(void){ int a[100], n; scanf("%d", &n); printf("%d", a[n - 1]); return 0; }',
      'int main(void){ char s[100]; size_t k = sizeof s - 1; char *e = s + strlen(s) - 1; return 0; }',
      'int main(void){ int n = 5; int m = n - 1; return m; }',
      'int main(void){ char *p = malloc(9); p++; char *q = p - 1; return 0; }',
      'int main(void){ char *p = malloc(9); char *q = p + 3 - 1; return 0; }',
      'int main(void){ char buf[9]; char *end = buf + 9; char *last = end - 1; return 0; }',
      'int main(void){ int a[10]; return a - 0 == a; }',
    ];
    for (const src of ordinary) expect(names(src)).toEqual([]);
  });
});
