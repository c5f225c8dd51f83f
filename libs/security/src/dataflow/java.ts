import { joinSinks, sinkNames, type LanguageModel, type SinkSpec, type TaintLabel } from './engine';

// Java: what reads input, and the calls (nearly all of them methods or constructors) and operators
// it must not reach unchecked; besides input, the data that is a weakness wherever it goes: extreme
// constants, values that may be null, hard-coded strings, passwords.

const spec = (kind: SinkSpec['kind'], cwe: SinkSpec['cwe'], args: SinkSpec['args'] = [0]): SinkSpec => ({
  kind,
  cwe,
  args,
});

/** The system properties every Java runtime defines: System.getProperty never returns null for them. */
const STANDARD_PROPERTIES = new Set(
  (
    'java.version java.vendor java.vendor.url java.home java.class.version java.class.path os.name os.arch ' +
    'os.version file.separator path.separator line.separator user.name user.home user.dir java.io.tmpdir ' +
    'java.specification.version java.vm.name java.vm.version java.vm.vendor java.runtime.version'
  ).split(' '),
);

const LABELS: readonly TaintLabel[] = [
  // `int n = Integer.MAX_VALUE; … n + 1` overflows whatever the input
  { name: 'max', fields: new Set(['MAX_VALUE']), copyOnly: true, describe: 'A MAX_VALUE constant' },
  { name: 'min', fields: new Set(['MIN_VALUE']), copyOnly: true, describe: 'A MIN_VALUE constant' },
  // the same, where nothing but constants is ever stored in the variable: the overflow happens on every run
  { name: 'always-max', fields: new Set(['MAX_VALUE']), only: 'extreme', describe: 'A MAX_VALUE constant' },
  { name: 'always-min', fields: new Set(['MIN_VALUE']), only: 'extreme', describe: 'A MIN_VALUE constant' },
  // what these return is null when the key is missing (getProperty(key, default) is not)
  {
    name: 'nullable',
    methods: {
      getProperty: 1,
      getenv: 1,
      getParameter: 1,
      getHeader: 1,
      getInitParameter: 1,
      getResource: 1,
      getResourceAsStream: 1,
    },
    except: STANDARD_PROPERTIES,
    copyOnly: true,
    describe: 'A value that may be null',
  },
  { name: 'null', only: 'null', describe: 'A variable only ever set to null' },
  { name: 'zero', only: 'zero', describe: 'A variable only ever set to zero' },
  // credentials: written in the source, read from a configuration file, decrypted, asked for
  { name: 'literal', literals: true, receivers: false, describe: 'A hard-coded string' },
  { name: 'config', methods: { getProperty: -1 }, receivers: false, describe: 'A value read from a configuration' },
  { name: 'decrypted', methods: { doFinal: -1, decrypt: -1 }, receivers: false, describe: 'A decrypted value' },
  { name: 'secret', methods: { getPassword: 0, readPassword: -1 }, receivers: false, describe: 'A password' },
  // a connection without TLS, and the streams on it
  { name: 'plain-socket', constructors: new Set(['Socket', 'ServerSocket']), describe: 'Data from a plain socket' },
];

/** Numbers from input (or an extreme constant) that need a check before they count, size or index. */
const numeric = (
  kind: SinkSpec['kind'],
  cwe: SinkSpec['cwe'],
  guard: SinkSpec['guard'],
  labels: string[],
): SinkSpec => ({
  kind,
  cwe,
  args: [0],
  labels,
  guard,
  numeric: true,
});

/**
 * A key or password argument: hard-coded in the source (unless input may replace it), or read
 * from a configuration file and used as it is (unless the program decrypts it, or it is input).
 */
const credential = (cwe: SinkSpec['cwe'], arg: number, password = true): SinkSpec[] => [
  { kind: 'credential', cwe, args: [arg], labels: ['literal'], unless: ['input'] },
  ...(password
    ? [
        {
          kind: 'stored-password',
          cwe: 'CWE-256',
          args: [arg],
          labels: ['config'],
          unless: ['decrypted', 'input', 'literal'],
        } satisfies SinkSpec,
        // a password received over a connection without TLS
        { kind: 'cleartext', cwe: 'CWE-319', args: [arg], labels: ['plain-socket'] } satisfies SinkSpec,
      ]
    : []),
];

/** Collections sized by their first argument when it is a number. */
const CAPACITY = numeric('allocation', 'CWE-789', 'any', ['input', 'always-max', 'max']);

/** What a stream on a plain socket must not be given: a password. */
const CLEARTEXT: SinkSpec = {
  kind: 'cleartext',
  cwe: 'CWE-319',
  args: 'all',
  labels: ['secret'],
  receiverLabel: 'plain-socket',
};

export const JAVA_MODEL: LanguageModel = {
  sourceArgs: {},
  sourceReturns: new Set(),
  sourceMethods: new Set([
    // console and streams
    'readLine',
    'nextLine',
    'next',
    'nextInt',
    'nextLong',
    'nextDouble',
    'nextShort',
    'nextByte',
    'nextFloat',
    'nextBigInteger',
    'nextBigDecimal',
    'lines',
    // the environment and servlet requests
    'getenv',
    'getParameter',
    'getParameterValues',
    'getParameterMap',
    'getHeader',
    'getHeaders',
    'getQueryString',
    'getCookies',
    'getInputStream',
    'getReader',
    'getPathInfo',
    'getRequestURI',
    // a database column: what some user stored
    'getString',
  ]),
  sourceParams: (fn, index) => fn === 'main' && index === 0,
  inputStreams: new Set(),
  copyInto: new Set(['arraycopy']),
  sinks: {},
  constructorSinks: joinSinks(
    { ProcessBuilder: { ...spec('command', 'CWE-78', 'all'), program: true } },
    sinkNames(
      'File FileInputStream FileOutputStream FileReader FileWriter RandomAccessFile PrintWriter',
      spec('path', 'CWE-22'),
    ),
    sinkNames(
      'ArrayList HashMap HashSet LinkedHashMap LinkedHashSet Vector Hashtable ArrayDeque PriorityQueue ' +
        'ConcurrentHashMap StringBuilder StringBuffer ByteArrayOutputStream',
      CAPACITY,
    ),
    {
      SecretKeySpec: credential('CWE-321', 0, false),
      DESKeySpec: credential('CWE-321', 0, false),
      DESedeKeySpec: credential('CWE-321', 0, false),
      PBEKeySpec: credential('CWE-259', 0),
      PasswordAuthentication: credential('CWE-259', 1),
      KerberosKey: credential('CWE-259', 1),
    },
  ),
  methodSinks: joinSinks(
    {
      exec: { ...spec('command', 'CWE-78', 'all'), program: true },
      command: { ...spec('command', 'CWE-78', 'all'), program: true },
    },
    sinkNames(
      'executeQuery executeUpdate execute addBatch prepareStatement prepareCall executeLargeUpdate',
      spec('sql', 'CWE-89'),
    ),
    sinkNames('printf format', spec('format', 'CWE-134')),
    {
      forName: spec('code', 'CWE-470'),
      loadClass: spec('code', 'CWE-470'),
      search: spec('sql', 'CWE-90', [0, 1]),
      eval: spec('code', 'CWE-95'),
      // Thread.sleep(ms)
      sleep: numeric('resource', 'CWE-400', 'upper', ['input', 'always-max', 'max']),
      // DriverManager.getConnection(url, user, password), DataSource.setPassword(password)
      getConnection: credential('CWE-259', 2),
      setPassword: credential('CWE-259', 0),
    },
    sinkNames('allocate allocateDirect', CAPACITY),
    // java.nio.file: a path from input, unless a test of it (startsWith(base), a check of its own) governs the call
    sinkNames(
      'Paths.get Path.of Files.readString Files.readAllBytes Files.readAllLines Files.lines Files.newBufferedReader ' +
        'Files.newInputStream Files.newOutputStream Files.newBufferedWriter Files.write Files.writeString Files.delete ' +
        'Files.deleteIfExists Files.copy Files.move Files.createFile Files.createDirectory Files.createDirectories ' +
        'Files.list Files.walk Files.newByteChannel',
      { ...spec('path', 'CWE-22'), guard: 'checked' },
    ),
    sinkNames('print println printf format write append writeBytes writeChars writeUTF', CLEARTEXT),
  ),
  labels: LABELS,
  operators: {
    divisor: numeric('divide', 'CWE-369', 'any', ['input', 'zero']),
    add: numeric('overflow', 'CWE-190', 'upper', ['input', 'always-max', 'max']),
    subtract: numeric('overflow', 'CWE-191', 'lower', ['input', 'always-min', 'min']),
    // a product overflows one way or the other unless bounded on both sides
    multiply: numeric('overflow', 'CWE-190', 'both', ['input', 'always-max', 'always-min', 'max', 'min']),
    index: numeric('index', 'CWE-129', 'both', ['input']),
    allocation: numeric('allocation', 'CWE-789', 'any', ['input', 'always-max', 'max']),
    loop: numeric('loop', 'CWE-606', 'upper', ['input', 'always-max', 'max']),
    dereference: [
      { kind: 'null', cwe: 'CWE-690', args: [0], labels: ['nullable'], guard: 'nonnull' },
      { kind: 'null', cwe: 'CWE-476', args: [0], labels: ['null'], guard: 'nonnull' },
    ],
  },
  classNames: true,
  integers: new Set(['byte', 'short', 'int', 'long', 'char', 'Byte', 'Short', 'Integer', 'Long', 'Character']),
  objectsByReference: true,
  primitives: new Set(['int', 'long', 'short', 'byte', 'char', 'boolean', 'float', 'double']),
  keywords: new Set([
    'if',
    'for',
    'while',
    'switch',
    'return',
    'catch',
    'do',
    'else',
    'case',
    'new',
    'synchronized',
    'try',
  ]),
};
