import { addIntegerChecks } from './integer-checks';

/** The rewritten source without its #line directive, or null. */
const rewrite = (source: string, file = 'main.c') => {
  const r = addIntegerChecks(source, file);
  if (!r) return null;
  expect(r.source.startsWith(`#line 1 "${file}"\n`)).toBe(true);
  return r.source.slice(r.source.indexOf('\n') + 1);
};
const inMain = (body: string) => `#include <stdio.h>\nint main(void) {\n${body}\n  return 0;\n}\n`;

describe('addIntegerChecks', () => {
  it('checks an explicit cast to a narrower signed type, keeping the operand whole', () => {
    const out = rewrite(
      inMain('  int d = 0; short s; s = (short)d; char c = (char)a.b[i](x)++; int k = (int)(d + 1);'),
    );
    expect(out).toContain('s = __BASTION_FIT(short, 3, (__BASTION_NARROW(short, d)));');
    expect(out).toContain('__BASTION_NARROW(char, a.b[i](x)++)');
    expect(out).toContain('int k = __BASTION_NARROW(int, (d + 1));');
  });

  it('leaves alone casts to unsigned or wide types, casts of casts, calls and declarations', () => {
    const out = rewrite(
      inMain(
        '  unsigned char u = (unsigned char)c; long l = (long)d; short s = (short)(int)d; f(int); size_t z = sizeof(int); int n = (int)sizeof x; int p = (int)-d;',
      ),
    );
    expect(out).not.toContain('__BASTION_NARROW');
  });

  it('checks what a char or short variable is given: arithmetic apart from a plain value', () => {
    const out = rewrite(
      inMain('  int d = 1; char r = d * 2, q = d, z = 5; short s; s = d + 1; s += d; s /= 2; r = -d;'),
    );
    expect(out).toContain('char r = __BASTION_FIT(char, 2, (d * 2)), q = __BASTION_FIT(char, 3, (d)), z = 5;');
    expect(out).toContain('s = __BASTION_FIT(short, 2, (d + 1));');
    expect(out).toContain('s = __BASTION_FIT(short, 2, (s + ( d)));');
    expect(out).toContain('s /= 2;');
    expect(out).toContain('r = __BASTION_FIT(char, 2, (-d));');
  });

  it('checks ++ and -- statements on unsigned and narrow variables, not in expressions or on int', () => {
    const out = rewrite(
      inMain(
        '  unsigned int u = 0; short s = 0; int i = 0; size_t n = 3;\n  u--; ++s; i++; if (n) n--; while (n-- > 0) {} for (u = 0; u < 3; u++) {}',
      ),
    );
    expect(out).toContain('__BASTION_STEP(u, u--, 5);');
    expect(out).toContain('__BASTION_STEP(s, ++s, 4);');
    expect(out).toContain('i++;');
    expect(out).toContain('if (n) __BASTION_STEP(n, n--, 5);');
    expect(out).toContain('while (n-- > 0)');
    expect(out).toContain('u++) {}');
  });

  it('checks a plain subtraction given to an unsigned variable', () => {
    const out = rewrite(
      inMain('  unsigned u = 3; size_t n = strlen(s) - 1; unsigned w = u - 1 - 2; u = u - n; u -= k; u = (a) - b[2];'),
    );
    expect(out).toContain('size_t n = __BASTION_USUB(strlen(s) , 1);');
    expect(out).toContain('unsigned w = u - 1 - 2;');
    expect(out).toContain('u = __BASTION_USUB(u , n);');
    expect(out).toContain('u = __BASTION_USUB(u, ( k));');
    expect(out).toContain('u = __BASTION_USUB((a) , b[2]);');
  });

  it("knows each function's own variables and parameters", () => {
    const out = rewrite('void f(short data) { ++data; }\nvoid g(void) { int data = 0; ++data; }\n');
    expect(out).toContain('void f(short data) { __BASTION_STEP(data, ++data, 4); }');
    expect(out).toContain('void g(void) { int data = 0; ++data; }');
  });

  it('keeps every line where it was', () => {
    const src = inMain('  int d = 0;\n  short s = (short)d;\n  /* (short)d */ char c = "(char)d"[0];\n  s++;');
    const out = rewrite(src)!;
    expect(out.split('\n').length).toBe(src.split('\n').length);
    expect(out.split('\n')[3]).toContain('__BASTION_NARROW(short, d)');
    expect(out).toContain('/* (short)d */');
    expect(out).toContain('"(char)d"');
  });

  it('touches no constant expression, initialiser list or code outside functions', () => {
    const out = rewrite(
      'static short t[2] = { (short)1, (short)X };\nstruct S { char c; };\nint main(void) {\n  static const short k = (short)X;\n  switch (x) { case (short)1: break; }\n  int a[] = { (int)d };\n  return 0;\n}\n',
    );
    expect(out).toBeNull();
  });

  it('works in C++ member functions and templates', () => {
    const out = rewrite(
      'class C { short b; public: void bump(int d) { b = (short)(b + d); } };\ntemplate <class T> int f(T x) { return (int)x; }\n',
      'main.cpp',
    );
    // a member is not a local: only the cast is checked
    expect(out).toContain('b = __BASTION_NARROW(short, (b + d));');
    expect(out).toContain('return __BASTION_NARROW(int, x);');
  });

  it('gives up on what it cannot read, never throws', () => {
    expect(addIntegerChecks('', 'main.c')).toBeNull();
    expect(addIntegerChecks('int main(void) { return 0; }', 'main.c')).toBeNull();
    expect(addIntegerChecks('int main(void) { short s = (short)x; \0 }', 'main.c')).toBeNull();
    for (const broken of ['int main( { short s = (short', ')))(((', '{ (short) }', 'x = (char)', '} } { s++; }'])
      expect(() => addIntegerChecks(broken, 'main.c')).not.toThrow();
  });
});
