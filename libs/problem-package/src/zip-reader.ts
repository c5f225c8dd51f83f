import * as yauzl from 'yauzl';
import { PackageError } from './package-error';

export interface ZipLimits {
  maxEntries: number;
  maxTotalBytes: number;
}

export const DEFAULT_ZIP_LIMITS: ZipLimits = { maxEntries: 10_000, maxTotalBytes: 256 * 1024 * 1024 };

const S_IFMT = 0o170000;
const S_IFLNK = 0o120000;

function openZip(buf: Buffer): Promise<yauzl.ZipFile> {
  return new Promise((resolve, reject) =>
    yauzl.fromBuffer(buf, { lazyEntries: true, validateEntrySizes: true, strictFileNames: true }, (err, zip) =>
      err || !zip ? reject(new PackageError('BROKEN_ZIP', `Not a readable zip file: ${err?.message}`)) : resolve(zip),
    ),
  );
}

/**
 * Reads every file of a zip into memory, refusing what a hostile archive does: paths that climb out
 * (zip-slip) or are absolute, symlinks, too many entries, too many bytes (zip bombs), broken data.
 */
export async function readZip(buf: Buffer, limits: ZipLimits = DEFAULT_ZIP_LIMITS): Promise<Map<string, Buffer>> {
  const zip = await openZip(buf);
  const files = new Map<string, Buffer>();
  let total = 0;
  let count = 0;
  return new Promise((resolve, reject) => {
    const fail = (e: unknown) => {
      zip.close();
      const msg = (e as Error).message ?? String(e);
      if (e instanceof PackageError) reject(e);
      else if (/absolute path|relative path|invalid characters/i.test(msg))
        reject(new PackageError('UNSAFE_PATH', `Unsafe path in zip: ${msg}`));
      else reject(new PackageError('BROKEN_ZIP', `The zip is damaged: ${msg}`));
    };
    zip.on('error', fail);
    zip.on('end', () => resolve(files));
    zip.on('entry', (entry: yauzl.Entry) => {
      if (++count > limits.maxEntries)
        return fail(new PackageError('ZIP_TOO_MANY_FILES', `More than ${limits.maxEntries} files`, 413));
      const name = entry.fileName;
      if (name.startsWith('/') || name.split('/').includes('..') || /^[A-Za-z]:/.test(name) || name.includes('\\')) {
        return fail(new PackageError('UNSAFE_PATH', `Unsafe path in zip: ${name.slice(0, 200)}`));
      }
      if (((entry.externalFileAttributes >>> 16) & S_IFMT) === S_IFLNK) {
        return fail(new PackageError('SYMLINK_IN_ZIP', `Symbolic links are not allowed: ${name.slice(0, 200)}`));
      }
      if (name.endsWith('/')) return zip.readEntry();
      total += entry.uncompressedSize;
      if (total > limits.maxTotalBytes) {
        return fail(
          new PackageError('ZIP_TOO_LARGE', `The package unpacks to more than ${limits.maxTotalBytes} bytes`, 413),
        );
      }
      zip.openReadStream(entry, (err, stream) => {
        if (err || !stream) return fail(err ?? new Error('unreadable entry'));
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('error', fail);
        stream.on('end', () => {
          files.set(name, Buffer.concat(chunks));
          zip.readEntry();
        });
      });
    });
    zip.readEntry();
  });
}
