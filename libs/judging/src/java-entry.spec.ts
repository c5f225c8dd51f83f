import { blankJavaLiterals, javaEntry } from './java-entry';

const HELLO = (name: string, mods = 'public') =>
  `import java.util.*;\n\n${mods} class ${name} {\n  public static void main(String[] args) {\n    System.out.println("Hello World!");\n  }\n}\n`;

describe('javaEntry', () => {
  it('runs the public class with main under its own name, its `public` blanked so Main.java compiles', () => {
    const e = javaEntry(HELLO('hello'));
    expect(e).toMatchObject({ ok: true, className: 'hello' });
    if (!e.ok) return;
    expect(e.source).toBe(HELLO('hello', '      '));
    expect(e.source.split('\n').map((l) => l.length)).toEqual(
      HELLO('hello')
        .split('\n')
        .map((l) => l.length),
    );
  });

  it('leaves Main, and a class that is not public, as they are', () => {
    expect(javaEntry(HELLO('Main'))).toEqual({ ok: true, className: 'Main', source: HELLO('Main') });
    expect(javaEntry(HELLO('Different', ''))).toEqual({
      ok: true,
      className: 'Different',
      source: HELLO('Different', ''),
    });
  });

  it('finds main among helper classes, and not in nested ones, comments or strings', () => {
    const src = [
      '// class Fake { public static void main(String[] a) {} }',
      'class Helper { int f() { return 1; } }',
      'public final class Solution {',
      '  static class Inner { public static void main(String[] a) {} }',
      '  String s = "class Str { public static void main(String[] a) {} }";',
      '  public static void main(final String... args) throws Exception { new Helper().f(); }',
      '}',
      'record Point(int x, int y) {}',
    ].join('\n');
    expect(javaEntry(src)).toMatchObject({ ok: true, className: 'Solution' });
  });

  it('prefers the public class when several declare main, and says so when it cannot tell', () => {
    const two =
      'class A { public static void main(String[] a) {} }\nclass B { public static void main(String[] a) {} }\n';
    expect(javaEntry(two)).toEqual({
      ok: false,
      message: 'Several classes declare main (A, B): make the one to run public',
    });
    expect(javaEntry(two.replace('class B', 'public class B'))).toMatchObject({ ok: true, className: 'B' });
    expect(javaEntry('public class Lib { static int f() { return 1; } }')).toEqual({
      ok: false,
      message: 'No class declares public static void main(String[] args): the judge runs that method',
    });
  });
});

describe('blankJavaLiterals', () => {
  it('blanks comments, strings, chars and text blocks, keeping length and newlines', () => {
    const src = 'a /* x\ny */ b // c\n"d\\"e" \'{\' """\nf\n""" g';
    const out = blankJavaLiterals(src);
    expect(out.length).toBe(src.length);
    expect(out.replace(/ +/g, ' ')).toBe('a \n b \n \n \n g');
  });
});
