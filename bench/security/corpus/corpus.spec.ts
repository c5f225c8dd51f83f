import { annotatedPrograms, stripPythonComments } from './annotated';
import { declaredIncidental } from './case';
import { resolveConditionals, stripComments } from './c-like';
import { julietCCase } from './juliet-c';
import { julietJavaCase, members } from './juliet-java';
import { isLabel, neutralize } from './neutralize';

// Small programs in the shape of the suites' files, written here: no suite's code is in this repository.
const C_CASE = [
  '/* header: CWE999 something */',
  '#include "std_testcase.h"',
  '#ifndef OMITBAD',
  'void CWE999_Thing__fgets_01_bad()',
  '{',
  '    char buf[10]; /* POTENTIAL FLAW: unchecked */',
  '    if (fgets(buf, 100, stdin)) printLine(buf); // reads too much',
  '}',
  '#endif /* OMITBAD */',
  '#ifndef OMITGOOD',
  'static void goodG2B() { printLine("GoodSink"); }',
  'void CWE999_Thing__fgets_01_good() { goodG2B(); }',
  '#endif',
  '#ifdef INCLUDEMAIN',
  'int main() { CWE999_Thing__fgets_01_good(); CWE999_Thing__fgets_01_bad(); }',
  '#endif',
].join('\r\n');

describe('C-like transforms', () => {
  it('strips comments outside literals and drops the lines they leave empty', () => {
    const out = stripComments('int a; // note\n/* block\n spanning */\nchar *s = "/* not a comment */ // nor this";\n');
    expect(out).toBe('int a;\nchar *s = "/* not a comment */ // nor this";\n');
  });

  it('resolves only the conditionals it is told about', () => {
    const src =
      '#ifndef OMITBAD\nbad\n#ifdef _WIN32\nwin\n#else\nposix\n#endif\n#endif\n#ifndef OMITGOOD\ngood\n#endif';
    const out = resolveConditionals(src, (d) =>
      d === 'ifndef OMITBAD' ? false : d === 'ifndef OMITGOOD' ? true : null,
    );
    expect(out.split('\n').filter(Boolean)).toEqual(['good']);
    const bad = resolveConditionals(src, (d) =>
      d === 'ifndef OMITBAD' ? true : d === 'ifndef OMITGOOD' ? false : null,
    );
    expect(bad.split('\n').filter(Boolean)).toEqual(['bad', '#ifdef _WIN32', 'win', '#else', 'posix', '#endif']);
  });

  it('neutralises label names in code and literals alike, keeping library names and escapes', () => {
    expect(isLabel('goodB2G1')).toBe(true);
    expect(isLabel('bad_alloc')).toBe(false);
    const { text } = neutralize(
      'void badSink(char *d) { if (!strcmp(d, "badSink")) puts("\\nGood"); } catch (std::bad_alloc &) {}',
    );
    expect(text).toBe('void f1(char *d) { if (!strcmp(d, "f1")) puts("\\nf2"); } catch (std::bad_alloc &) {}');
  });
});

describe('Juliet C/C++ cases', () => {
  it('makes a vulnerable program of the bad part and a safe twin of the good part, with no label left', () => {
    const c = julietCCase(C_CASE, 'CWE999_Thing__fgets_01', 'c', 'juliet-c:x', 'CWE999', 'fgets');
    if ('skip' in c) throw new Error(c.skip);
    for (const program of [c.vulnerable!, c.safe!]) {
      expect(program).not.toMatch(/bad|good|CWE|FLAW|OMIT|INCLUDEMAIN|std_testcase|\/\*|\/\//i);
      expect(program).toContain('static void printLine(const char *line)');
      expect(program).toMatch(/int main\(int argc, char \*argv\[\]\) \{[\s\S]*f\d+\(\);/);
    }
    expect(c.vulnerable).toContain('fgets(buf, 100, stdin)');
    expect(c.safe).not.toContain('fgets');
  });

  it('refuses a case that needs another local header', () => {
    expect(julietCCase('#include "std_thread.h"\n', 's', 'c', 'i', 'CWE1', 'v')).toEqual({
      skip: 'includes std_thread.h',
    });
  });
});

describe('Juliet Java cases', () => {
  const JAVA = [
    'package testcases.CWE999_Thing;',
    'import testcasesupport.*;',
    'import javax.servlet.http.*;',
    'public class CWE999_Thing__console_readLine_01 extends AbstractTestCase {',
    '    private int[] table = {1, 2};',
    '    public void bad() throws Throwable { IO.writeLine("badSink " + table[0]); } /* FLAW */',
    '    private void goodG2B() { IO.writeLine(1); }',
    '    public void good() throws Throwable { goodG2B(); }',
    '    public static void main(String[] args) { mainFromParent(args); }',
    '}',
  ].join('\n');

  it('splits a class body into its members', () => {
    const body = JAVA.slice(JAVA.indexOf('{') + 1, JAVA.lastIndexOf('}'));
    expect(members(body).map((m) => m.name)).toEqual(['table', 'bad', 'goodG2B', 'good', 'main']);
  });

  it('keeps one side per twin in a Main class with our IO shim', () => {
    const c = julietJavaCase(JAVA, 'CWE999_Thing__console_readLine_01', 'j', 'CWE999', 'v');
    if ('skip' in c) throw new Error(c.skip);
    for (const p of [c.vulnerable!, c.safe!]) {
      expect(p).toMatch(/^public class Main \{/m);
      expect(p).toMatch(/new Main\(\)\.f\d+\(\);/);
      expect(p).toContain('final class IO {');
      expect(p).not.toMatch(/bad|good|CWE|FLAW|testcasesupport|servlet/i);
    }
    expect(c.vulnerable).toContain('table[0]');
    expect(c.safe).toContain('IO.writeLine(1)');
    expect(c.safe).not.toContain('table[0]');
    expect(c.incidental).toEqual([]);
  });

  it('keeps the CWEs the suite declares incidental, though the comments that declare them go', () => {
    const src = JAVA.replace(
      'private void goodG2B() {',
      'private void goodG2B() { /* INCIDENTAL: CWE-321: Use of Hard-coded Cryptographic Key */\n' +
        '  /* INCIDENTAL: Possible Null Pointer Dereference (CWE476 / CWE690) */ /* INCIDENTAL: CWE 561 Dead Code */',
    );
    const c = julietJavaCase(src, 'CWE999_Thing__console_readLine_01', 'j', 'CWE999', 'v');
    if ('skip' in c) throw new Error(c.skip);
    expect(c.incidental).toEqual([321, 476, 561, 690]);
    expect(c.safe).not.toMatch(/INCIDENTAL|CWE/);
  });
});

describe('declaredIncidental', () => {
  it('reads only lines that declare an incidental flaw', () => {
    expect(
      declaredIncidental('/* POTENTIAL FLAW: CWE-78 */\n/* INCIDENTAL FLAW: CWE-259 Hard Coded Password */'),
    ).toEqual([259]);
    expect(declaredIncidental('/* INCIDENTAL: Hardcoded crypto */')).toEqual([321]);
    expect(declaredIncidental('/* INCIDENTAL - Possible memory leak here if data was not freed */')).toEqual([401]);
    expect(declaredIncidental('/* INCIDENTAL: CWE 561 Dead Code */\n/* FIX: no memory leak */')).toEqual([561]);
  });
});

describe('annotated rule tests', () => {
  const PY = [
    'import os',
    '',
    'def test(param, other=1):',
    '    # ruleid: some-rule',
    '    os.system("echo " + param)',
    '    # ok: some-rule',
    '    os.system(',
    '        "echo fixed"',
    '    )',
  ].join('\n');

  it('gives each annotated statement a program of its own, the others replaced, driven from stdin', () => {
    const [vuln, safe] = annotatedPrograms(PY, 'python');
    expect(vuln.kind).toBe('ruleid');
    expect(vuln.program).toContain('os.system("echo " + param)');
    expect(vuln.program).not.toContain('fixed');
    expect(safe.kind).toBe('ok');
    expect(safe.program).toContain('"echo fixed"');
    expect(safe.program).toContain('    pass');
    for (const a of [vuln, safe]) {
      expect(a.program).not.toMatch(/ruleid|ok:|#/);
      expect(a.program).toContain('    test(lines[0])');
    }
  });

  it('strips Python comments but not a # inside a string', () => {
    expect(stripPythonComments('x = "#1"  # note\n# only a comment\ny = 2\n')).toBe('x = "#1"\ny = 2\n');
  });
});
