import { Document, isScalar, parseDocument, visit } from 'yaml';
import { PackageError } from './package-error';

/** One YAML file of a package (problem.yaml, bastion.yaml, testdata.yaml, …): a few KiB in practice. */
export const MAX_YAML_BYTES = 64 * 1024;
/** Every YAML file of one package together (each test group may bring its own testdata.yaml). */
export const MAX_YAML_TOTAL_BYTES = 1024 * 1024;
/** How far aliases may expand (the `yaml` package's count: aliases × the nodes each one copies). */
export const MAX_YAML_ALIASES = 100;

const TOO_LARGE = 'PACKAGE_YAML_TOO_LARGE';

/** The text of a package file; refuses bytes that are not UTF-8 and drops a byte-order mark. */
export function packageText(buf: Buffer, what: string): string {
  const s = buf.toString('utf8');
  if (s.includes('\uFFFD')) throw new PackageError('BAD_ENCODING', `${what} is not valid UTF-8`);
  return s.replace(/^\uFEFF/, '');
}

/**
 * Duplicate keys, in one pass per mapping. The `yaml` package's own check compares every key with
 * every other one: 6,000 keys in 64 KiB took 0.7 s, 45,000 keys in 512 KiB took 19 s.
 */
function refuseDuplicateKeys(doc: Document): void {
  visit(doc, {
    Map(_key, map) {
      const seen = new Set<string>();
      for (const pair of map.items) {
        if (!isScalar(pair.key)) continue;
        const k = String(pair.key.value);
        if (seen.has(k)) throw new Error(`Map keys must be unique: "${k.slice(0, 100)}" appears twice`);
        seen.add(k);
      }
    },
  });
}

/**
 * Parses the YAML files of one package within caps, so a hostile file costs little: each file at most
 * MAX_YAML_BYTES, all of them MAX_YAML_TOTAL_BYTES, aliases expanding at most MAX_YAML_ALIASES, and
 * nesting as deep as the parser's stack allows. A cap answers 413 PACKAGE_YAML_TOO_LARGE; broken YAML
 * throws a plain Error for the caller to name (BAD_PROBLEM_YAML, BAD_TESTDATA_YAML, …).
 */
export class PackageYamlReader {
  private total = 0;

  parse(buf: Buffer, path: string): unknown {
    if (buf.length > MAX_YAML_BYTES) {
      throw new PackageError(TOO_LARGE, `${path} is ${buf.length} bytes; a YAML file may hold ${MAX_YAML_BYTES}`, 413);
    }
    this.total += buf.length;
    if (this.total > MAX_YAML_TOTAL_BYTES) {
      throw new PackageError(TOO_LARGE, `The package's YAML files hold more than ${MAX_YAML_TOTAL_BYTES} bytes`, 413);
    }
    const doc = parseDocument(packageText(buf, path), { uniqueKeys: false, prettyErrors: false });
    const [error] = doc.errors;
    if (error && /call stack/i.test(error.message)) {
      throw new PackageError(TOO_LARGE, `${path} nests too deeply`, 413);
    }
    if (error) throw error;
    try {
      refuseDuplicateKeys(doc);
      return doc.toJS({ maxAliasCount: MAX_YAML_ALIASES });
    } catch (e) {
      if (e instanceof RangeError) throw new PackageError(TOO_LARGE, `${path} nests too deeply`, 413);
      if (/alias count/i.test((e as Error).message)) {
        throw new PackageError(TOO_LARGE, `${path} expands its aliases too far (at most ${MAX_YAML_ALIASES})`, 413);
      }
      throw e;
    }
  }
}
