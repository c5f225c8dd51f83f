import { withEvidence } from '../evidence';
import { dataflow } from './engine';
import { JAVA_MODEL } from './java';

/** The sinks data reaches: [cwe, line, label ('input' when input)]. */
const found = (...lines: string[]): [string, number, string][] =>
  dataflow(lines.join('\n'), JAVA_MODEL)!
    .sinks.filter((s) => s.tainted)
    .map((s) => [s.cwe, s.line, s.label ?? 'input']);

/** A class with one method whose body is `lines` (line 1 is the class, the body starts on line 3). */
const method = (...lines: string[]) =>
  found(
    'class Main {',
    '  void f(java.util.Scanner in, java.io.BufferedReader br) throws Exception {',
    ...lines,
    '  }',
    '}',
  );

describe('Java dataflow: numbers from input', () => {
  it('finds an unchecked divisor, and none behind a check of it', () => {
    expect(method('    int d = in.nextInt();', '    int r = 100 / d;')).toEqual([['CWE-369', 4, 'input']]);
    expect(method('    int d = in.nextInt();', '    if (d != 0) { int r = 100 % d; }')).toEqual([]);
    expect(method('    int d = in.nextInt();', '    if (d == 0) return;', '    int r = 100 / d;')).toEqual([]);
    expect(
      method('    float d = Float.parseFloat(br.readLine());', '    if (Math.abs(d) > 0.000001) { x = 1 / d; }'),
    ).toEqual([]);
    expect(method('    int d = in.nextInt();', '    int r = d != 0 ? 100 / d : 0;')).toEqual([]);
    // a constant divisor is no question
    expect(method('    int d = in.nextInt();', '    int r = d / 2;')).toEqual([]);
  });

  it('finds arithmetic that can wrap: a value offset or scaled by a constant, or squared, unbounded on its side', () => {
    expect(method('    int n = in.nextInt();', '    int r = (int)(n + 1);')).toEqual([['CWE-190', 4, 'input']]);
    expect(method('    short n = Short.parseShort(br.readLine().trim());', '    short r = (short)(n * n);')).toEqual([
      ['CWE-190', 4, 'input'],
    ]);
    expect(method('    long n = in.nextLong();', '    n--;')).toEqual([['CWE-191', 4, 'input']]);
    expect(method('    int n = in.nextInt();', '    if (n < Integer.MAX_VALUE) { int r = n + 1; }')).toEqual([]);
    expect(method('    int n = in.nextInt();', '    if (n > Integer.MIN_VALUE) { int r = n - 1; }')).toEqual([]);
    // bounded on the wrong side
    expect(method('    int n = in.nextInt();', '    if (n > 0) { int r = n * 2; }')).toEqual([['CWE-190', 4, 'input']]);
    expect(method('    int n = in.nextInt();', '    if (n > 0 && n < 1000) { int r = n * 2; }')).toEqual([]);
  });

  it('leaves string concatenation, sums of two values, floating point and unrelated variables alone', () => {
    expect(method('    int n = in.nextInt();', '    System.out.println("n + 1 = " + n + 1);')).toEqual([]);
    expect(
      method('    long sum = 0;', '    while (in.hasNextLong()) sum += in.nextLong();', '    System.out.println(sum);'),
    ).toEqual([]);
    expect(method('    int a = in.nextInt(), b = in.nextInt();', '    System.out.println(a + b);')).toEqual([]);
    expect(method('    double x = in.nextDouble();', '    double y = x * 2;')).toEqual([]);
    expect(method('    int n = 7;', '    int r = n * n + 1;')).toEqual([]);
  });

  it('follows an extreme constant into arithmetic, through a parameter', () => {
    const src = [
      'class Main {',
      '  void sink(short data) { if (data > 0) { short r = (short)(data * 2); } }',
      '  void f() { short data = Short.MAX_VALUE; sink(data); }',
      '  void g() { int m = Integer.MIN_VALUE; int r = m - 1; }',
      '  void h() { int m = Integer.MIN_VALUE; int r = m + 1; }',
      '}',
    ];
    expect(found(...src)).toEqual([
      ['CWE-190', 2, 'always-max'],
      ['CWE-191', 4, 'always-min'],
    ]);
  });

  it('tells a variable only ever given constants (an overflow on every run) from a running minimum', () => {
    // only constants, one of them the extreme: whichever branch runs, nothing depends on input
    expect(
      method('    int c;', '    if (flag()) { c = Integer.MAX_VALUE; } else { c = 0; }', '    int r = c + 1;'),
    ).toEqual([['CWE-190', 5, 'always-max']]);
    // a minimum over the input starts at MAX_VALUE: may stay there (an empty list), not must
    expect(
      method(
        '    int best = Integer.MAX_VALUE;',
        '    for (int x : xs) best = Math.min(best, x);',
        '    int r = best * 2;',
      ),
    ).toEqual([['CWE-190', 5, 'max']]);
    expect(
      method('    int lo = Integer.MIN_VALUE;', '    for (int x : xs) if (x > lo) lo = x;', '    int r = lo - 1;'),
    ).toEqual([['CWE-191', 5, 'min']]);
  });

  it('wants an array index checked on both sides', () => {
    expect(method('    int[] a = {1, 2, 3};', '    int i = in.nextInt();', '    System.out.println(a[i]);')).toEqual([
      ['CWE-129', 5, 'input'],
    ]);
    expect(
      method('    int[] a = {1, 2, 3};', '    int i = in.nextInt();', '    if (i >= 0) System.out.println(a[i]);'),
    ).toEqual([['CWE-129', 5, 'input']]);
    expect(
      method(
        '    int[] a = {1, 2, 3};',
        '    int i = in.nextInt();',
        '    if (i >= 0 && i < a.length) System.out.println(a[i]);',
      ),
    ).toEqual([]);
    expect(
      method(
        '    int[] a = {1, 2, 3};',
        '    int i = in.nextInt();',
        '    if (i < 0 || i >= a.length) return;',
        '    a[i] = 1;',
      ),
    ).toEqual([]);
  });

  it('finds sizes, loop bounds and sleeps from input, unless checked or the loop reads the input itself', () => {
    expect(method('    int n = in.nextInt();', '    int[] a = new int[n];')).toEqual([['CWE-789', 4, 'input']]);
    expect(
      method('    int n = in.nextInt();', '    java.util.List<Integer> l = new java.util.ArrayList<Integer>(n);'),
    ).toEqual([['CWE-789', 4, 'input']]);
    expect(method('    int n = in.nextInt();', '    if (n > 0 && n <= 100) { int[] a = new int[n]; }')).toEqual([]);
    expect(
      method(
        '    java.util.List<String> l = read(br);',
        '    java.util.List<String> c = new java.util.ArrayList<>(l);',
      ),
    ).toEqual([]);
    expect(method('    int n = in.nextInt();', '    for (int i = 0; i < n; i++) System.out.println(i);')).toEqual([
      ['CWE-606', 4, 'input'],
    ]);
    expect(
      method('    int n = in.nextInt();', '    if (n <= 20) for (int i = 0; i < n; i++) System.out.println(i);'),
    ).toEqual([]);
    expect(
      method('    int n = in.nextInt();', '    long s = 0;', '    for (int i = 0; i < n; i++) s += in.nextInt();'),
    ).toEqual([]);
    expect(
      method(
        '    String line = br.readLine();',
        '    for (int i = 0; i < line.length(); i++) System.out.print(line.charAt(i));',
      ),
    ).toEqual([]);
    expect(method('    int ms = Integer.parseInt(br.readLine());', '    Thread.sleep(ms);')).toEqual([
      ['CWE-400', 4, 'input'],
    ]);
    expect(
      method('    int count = Integer.MAX_VALUE;', '    for (int i = 0; i < count; i++) { w.write("x"); }'),
    ).toEqual([['CWE-606', 4, 'always-max']]);
  });

  it('reads checks through negation, ||, ?: and an early throw', () => {
    const arr = '    int[] a = new int[5]; int i = in.nextInt();';
    expect(method(arr, '    if (!(i >= 0 && i < a.length)) return;', '    a[i] = 1;')).toEqual([]);
    expect(
      method(arr, '    if (i < 0 || i >= a.length) { throw new IllegalArgumentException(); }', '    a[i] = 1;'),
    ).toEqual([]);
    expect(method(arr, '    int v = (i < 0 || i >= 5) ? -1 : a[i];')).toEqual([]);
    expect(method(arr, '    if (i < 0 || i >= a.length) { System.out.println("bad"); }', '    a[i] = 1;')).toEqual([
      ['CWE-129', 5, 'input'],
    ]);
  });

  it('keeps one method’s input out of another’s namesakes, and a class name is no variable', () => {
    const src = [
      'class Main {',
      '  void f(java.io.BufferedReader br) throws Exception { String data = br.readLine(); int n = Integer.parseInt(data); }',
      '  void g() { String data = "5"; int n = Integer.parseInt(data); int r = 100 / n; }',
      '}',
    ];
    expect(found(...src)).toEqual([]);
  });
});

describe('Java dataflow: null', () => {
  it('finds a dereference of what getProperty(key) may return, unless checked', () => {
    expect(method('    String v = System.getProperty("app.mode");', '    if (v.equals("x")) {}')).toEqual([
      ['CWE-690', 4, 'nullable'],
    ]);
    expect(method('    String v = props.getProperty("k");', '    if (v != null) { v.trim(); }')).toEqual([]);
    expect(method('    String v = props.getProperty("k");', '    if (v == null) return;', '    v.trim();')).toEqual([]);
    expect(method('    String v = props.getProperty("k");', '    if ("x".equals(v)) {}')).toEqual([]);
    expect(method('    String v = props.getProperty("k", "default");', '    v.trim();')).toEqual([]);
    // properties the runtime always defines
    expect(method('    if (System.getProperty("os.name").toLowerCase().contains("win")) {}')).toEqual([]);
    expect(method('    String v = System.getProperty("app.dir").trim();')).toEqual([['CWE-690', 3, 'nullable']]);
  });

  it('follows the value into another method', () => {
    const src = [
      'class Main {',
      '  void f(java.util.Properties p) { String data = p.getProperty("k"); g(data); }',
      '  void g(String data) { System.out.println(data.length()); }',
      '  void h(String s) { System.out.println(s.length()); }',
      '}',
    ];
    expect(found(...src)).toEqual([['CWE-690', 3, 'nullable']]);
  });

  it('finds a variable only ever set to null dereferenced, with && (not &) and != null as checks', () => {
    expect(method('    String s = null;', '    System.out.println(s.length());')).toEqual([['CWE-476', 4, 'null']]);
    expect(method('    String s;', '    if (flag) s = null; else s = null;', '    s.trim();')).toEqual([
      ['CWE-476', 5, 'null'],
    ]);
    expect(method('    String s;', '    if (flag) s = null; else s = "x";', '    s.trim();')).toEqual([]);
    expect(method('    String s = null;', '    if ((s != null) & (s.length() > 0)) {}')).toEqual([
      ['CWE-476', 4, 'null'],
    ]);
    expect(method('    String s = null;', '    if ((s != null) && (s.length() > 0)) {}')).toEqual([]);
    expect(method('    String s = null;', '    if (s == null) { System.out.println(s.length()); }')).toEqual([
      ['CWE-476', 4, 'null'],
    ]);
    expect(method('    int[] a = null;', '    System.out.println(a.length);')).toEqual([['CWE-476', 4, 'null']]);
  });

  it('finds a variable only ever zero used as a divisor', () => {
    expect(method('    float z = 0.0f;', '    int r = (int)(100.0 / z);')).toEqual([['CWE-369', 4, 'zero']]);
    expect(method('    int z = 0;', '    z = readCount();', '    int r = 100 / z;')).toEqual([]);
    expect(method('    int z = 0;', '    for (int k : ks) z++;', '    if (z > 0) { int r = 100 / z; }')).toEqual([]);
  });
});

describe('Java dataflow: credentials', () => {
  it('finds a hard-coded password or key, not one input may give', () => {
    expect(
      method('    String pw = "7e5tc4s3";', '    c = java.sql.DriverManager.getConnection("url", "root", pw);'),
    ).toEqual([['CWE-259', 4, 'literal']]);
    expect(
      method('    String pw = br.readLine();', '    c = java.sql.DriverManager.getConnection("url", "root", pw);'),
    ).toEqual([]);
    expect(
      method(
        '    String k = "0123456789abcdef";',
        '    javax.crypto.spec.SecretKeySpec s = new javax.crypto.spec.SecretKeySpec(k.getBytes("UTF-8"), "AES");',
      ),
    ).toEqual([['CWE-321', 4, 'literal']]);
    // a key from input: only the charset name is a literal
    expect(
      method('    String k = br.readLine();', '    SecretKeySpec s = new SecretKeySpec(k.getBytes("UTF-8"), "AES");'),
    ).toEqual([]);
    expect(
      method('    PasswordAuthentication a = new PasswordAuthentication("user", "AP@ssw0rd".toCharArray());'),
    ).toEqual([['CWE-259', 3, 'literal']]);
  });

  it('finds a password from a configuration file used as it is stored, not one the program decrypts', () => {
    const read = [
      '    java.util.Properties p = new java.util.Properties();',
      '    p.load(new java.io.FileInputStream("app.properties"));',
    ];
    expect(
      method(
        ...read,
        '    String pw = p.getProperty("password");',
        '    c = DriverManager.getConnection("url", "sa", pw);',
      ),
    ).toEqual([['CWE-256', 6, 'config']]);
    expect(
      method(
        ...read,
        '    String pw = p.getProperty("password");',
        '    String clear = new String(cipher.doFinal(java.util.Base64.getDecoder().decode(pw)), "UTF-8");',
        '    pw = clear;',
        '    c = DriverManager.getConnection("url", "sa", pw);',
      ),
    ).toEqual([]);
  });

  it('finds a password sent over a plain socket, not over TLS', () => {
    const src = (socket: string) => [
      'class Main {',
      '  void f(java.net.PasswordAuthentication credentials) throws Exception {',
      '    String data = new String(credentials.getPassword());',
      `    java.net.Socket socket = ${socket};`,
      '    java.io.PrintWriter writer = new java.io.PrintWriter(socket.getOutputStream(), true);',
      '    writer.println(data);',
      '    writer.println("hello");',
      '  }',
      '}',
    ];
    expect(found(...src('new java.net.Socket("host", 1337)'))).toEqual([['CWE-319', 6, 'secret']]);
    expect(found(...src('new Socket("host", 1337)'))).toEqual([['CWE-319', 6, 'secret']]);
    expect(found(...src('(javax.net.ssl.SSLSocket) factory.createSocket("host", 1337)'))).toEqual([]);
  });

  it('finds a password received over a plain socket', () => {
    const src = [
      'class Main {',
      '  void f() throws Exception {',
      '    java.net.ServerSocket listener = new java.net.ServerSocket(39543);',
      '    java.net.Socket socket = listener.accept();',
      '    BufferedReader r = new BufferedReader(new InputStreamReader(socket.getInputStream(), "UTF-8"));',
      '    String data = r.readLine();',
      '    java.sql.Connection c = java.sql.DriverManager.getConnection("url", "root", data);',
      '  }',
      '}',
    ];
    expect(found(...src)).toEqual([['CWE-319', 7, 'plain-socket']]);
  });
});

describe('Java dataflow: paths', () => {
  it('finds a path from input opened through java.nio.file, unless a test of it governs the call', () => {
    expect(
      method(
        '    String name = br.readLine();',
        '    String s = java.nio.file.Files.readString(Paths.get("/tmp/notes/" + name));',
      ),
    ).toEqual([
      ['CWE-22', 4, 'input'],
      ['CWE-22', 4, 'input'],
    ]);
    expect(
      method(
        '    String name = br.readLine();',
        '    Path base = Paths.get("/tmp/notes").toAbsolutePath().normalize();',
        '    Path note = base.resolve(name).normalize();',
        '    if (!note.startsWith(base)) { return; }',
        '    System.out.println(Files.readString(note));',
      ),
    ).toEqual([]);
  });
});

describe('Java dataflow findings', () => {
  it('name what reaches the sink and where it came from; unchecked sizes cost points (medium), a null dereference fails (high)', () => {
    const src = [
      'class Main {',
      '  void f(java.util.Scanner in, java.util.Properties p) throws Exception {',
      '    int n = in.nextInt();',
      '    int[] a = new int[n];',
      '    String v = p.getProperty("k");',
      '    v.trim();',
      '  }',
      '}',
    ].join('\n');
    expect(withEvidence([], 'java', src, 'Main.java')).toEqual([
      expect.objectContaining({
        tool: 'dataflow',
        ruleId: 'dataflow.allocation-size',
        cwe: 'CWE-789',
        severity: 'medium',
        line: 4,
        message: 'Input read on line 3 reaches `new int[]`, which sizes an allocation with it, with no limit',
      }),
      expect.objectContaining({
        ruleId: 'dataflow.null-dereference',
        cwe: 'CWE-690',
        severity: 'high',
        line: 6,
        message: 'A value that may be null from line 5 reaches trim(), which dereferences it with no null check',
      }),
    ]);
  });
});

describe('Java dataflow on hostile sources', () => {
  it('never throws and stays fast', () => {
    const sources = [
      '',
      'class A { void f() { x = 1 / ; y = a[; z = (int) ; } }',
      'class A { void f() { if (a ? b : ) {} c && || d ? : ; } }',
      'class A { void f() { ' + 'if (n > 0) { '.repeat(3000) + 'x = a[n] / n;' + '}'.repeat(3000) + ' } }',
      'class A { void f() { s = p.getProperty("k"); if (' + 's != null && '.repeat(5000) + 's.length() > 0) {} } }',
      'class A { void f() { int n = in.nextInt(); x = ' + 'n > 0 ? '.repeat(3000) + '1' + ' : 2'.repeat(3000) + '; } }',
      'class A { void f() { ' + '( [ { if while for ? : && || ! . ++ -- / % * + - '.repeat(3000) + ' } }',
      'class A { void toString() { constructor(); __proto__.x(); hasOwnProperty(1) / 0; } }',
      'class A { ' + 'void f(int n) { n = in.nextInt(); g(n); } void g(int m) { x = m / m; } '.repeat(300) + '}',
    ];
    for (const src of sources) {
      const t0 = Date.now();
      expect(() => dataflow(src, JAVA_MODEL)).not.toThrow();
      expect(Date.now() - t0).toBeLessThan(5000);
    }
  });
});
