/**
 * Bastion's HTTP API as the benchmarks call it: where it is, the admin's credentials, and one
 * signed-in JSON/multipart request helper (the token is kept here once signIn() has run).
 */
import { existsSync, readFileSync } from 'node:fs';

export const BASE = (process.env.BASTION_URL ?? 'http://localhost:3000').replace(/\/+$/, '');
export const API = `${BASE}/api/v1`;
export const ADMIN_EMAIL = process.env.BASTION_ADMIN_EMAIL ?? 'admin@bastion.local';

/** A key of the secrets file `npm run up` keeps (scripts/secrets.sh), unless the environment sets it. */
export function secret(key: string): string {
  if (process.env[key]) return process.env[key]!;
  const file = process.env.BASTION_SECRETS_FILE ?? '/etc/bastion/secrets.env';
  const line = existsSync(file)
    ? readFileSync(file, 'utf8')
        .split('\n')
        .find((l) => l.startsWith(`${key}=`))
    : undefined;
  if (!line) throw new Error(`set ${key}, or run npm run up first (it keeps it in ${file})`);
  return line.slice(key.length + 1);
}

/** The admin password: BASTION_ADMIN_PASSWORD, else the one `npm run up` keeps. */
export const adminPassword = (): string => secret('BASTION_ADMIN_PASSWORD');

let token = '';

const RETRY_MS = 1000;
const REFUSED_FOR_MS = 60_000;
const refused = (err: unknown): boolean =>
  (err as { cause?: { code?: string } } | null)?.cause?.code === 'ECONNREFUSED';
export const authHeader = (): Record<string, string> => (token ? { authorization: `Bearer ${token}` } : {});

/** One API call: JSON in and out (FormData sent as multipart); a body that is not JSON comes back as text. */
export async function api<T>(method: string, path: string, body?: unknown): Promise<{ status: number; data: T }> {
  const form = body instanceof FormData;
  const send = () =>
    fetch(`${API}${path}`, {
      method,
      headers: { ...authHeader(), ...(body !== undefined && !form ? { 'content-type': 'application/json' } : {}) },
      body: body === undefined ? undefined : form ? body : JSON.stringify(body),
    });
  // A refused connection never reached the API (it is restarting: `npm run up` after a build), so
  // even a POST is sent again; for up to a minute, then the error is the caller's.
  let res: Response;
  for (let waited = 0; ; waited += RETRY_MS) {
    try {
      res = await send();
      break;
    } catch (err) {
      if (!refused(err) || waited >= REFUSED_FOR_MS) throw err;
      await new Promise((r) => setTimeout(r, RETRY_MS));
    }
  }
  const text = await res.text();
  let data: unknown = text;
  try {
    data = JSON.parse(text);
  } catch {
    // not JSON
  }
  return { status: res.status, data: data as T };
}

/** Signs the admin in; later api() calls carry the token. */
export async function signInAdmin(): Promise<void> {
  const r = await api<{ accessToken: string }>('POST', '/auth/login', {
    email: ADMIN_EMAIL,
    password: adminPassword(),
  });
  if (r.status !== 200 && r.status !== 201) throw new Error(`sign-in answered ${r.status}: ${JSON.stringify(r.data)}`);
  token = r.data.accessToken;
}
