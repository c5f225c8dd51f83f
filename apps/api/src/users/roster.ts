import { ApiError } from '../common/api-error';

/** Splits CSV text into rows of fields (RFC 4180 quoting; CRLF or LF). */
export function parseCsvRows(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || row.length) rows.push([...row, field]);
  return rows.filter((r) => r.some((f) => f.trim() !== ''));
}

export interface RosterEntry {
  line: number;
  email: string;
  name: string;
  role: string;
  password: string | null;
}

/** Reads a roster with a header naming at least `email` and `name` (optional `role`, `password`). */
export function parseRoster(text: string): RosterEntry[] {
  // PostgreSQL refuses U+0000 in text; no name or address has one.
  if (text.includes('\0')) throw new Error('the file holds a NUL character (U+0000); a roster is plain text');
  const [header, ...rows] = parseCsvRows(text.replace(/^\uFEFF/, ''));
  const cols = (header ?? []).map((h) => h.trim().toLowerCase());
  const at = (name: string) => cols.indexOf(name);
  if (at('email') < 0 || at('name') < 0) throw new Error('the first line must name the columns email and name');
  return rows.map((r, i) => ({
    line: i + 2,
    email: (r[at('email')] ?? '').trim(),
    name: (r[at('name')] ?? '').trim(),
    role: at('role') >= 0 ? (r[at('role')] ?? '').trim() || 'student' : 'student',
    password: at('password') >= 0 ? r[at('password')] || null : null,
  }));
}

/** The roster of an upload (multipart field `file`), or the 400 that says what is wrong with it. */
export function rosterFromUpload(file: { buffer?: Buffer } | undefined): RosterEntry[] {
  if (!file?.buffer?.length)
    throw new ApiError(400, 'FILE_REQUIRED', 'Send the roster CSV as the multipart field "file"');
  try {
    return parseRoster(file.buffer.toString('utf8'));
  } catch (e) {
    throw new ApiError(400, 'BAD_ROSTER', `The roster is not usable: ${(e as Error).message}`);
  }
}
