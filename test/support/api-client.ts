import { testEnv } from '../setup/test-env';
import { zipSync } from 'fflate';

export interface Reply<T = any> {
  status: number;
  body: T;
}

/** A small HTTP client for the public API, as an LMS or a script would use it. */
export class ApiClient {
  constructor(
    readonly baseUrl: string,
    public token?: string,
  ) {}

  async request<T = any>(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<Reply<T>> {
    const h: Record<string, string> = { ...headers };
    if (this.token) h.authorization = `Bearer ${this.token}`;
    let payload: RequestInit['body'];
    if (body instanceof FormData) payload = body;
    else if (typeof body === 'string') {
      payload = body;
      h['content-type'] ??= 'application/json';
    } else if (body !== undefined) {
      payload = JSON.stringify(body);
      h['content-type'] = 'application/json';
    }
    const r = await fetch(`${this.baseUrl}/api/v1${path}`, { method, headers: h, body: payload });
    const text = await r.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      /* not JSON */
    }
    return { status: r.status, body: parsed as T };
  }

  async login(email: string, password: string): Promise<this> {
    const r = await this.request('POST', '/auth/login', { email, password });
    if (r.status !== 200) throw new Error(`login failed: ${r.status} ${JSON.stringify(r.body)}`);
    this.token = r.body.accessToken;
    return this;
  }

  async importProblem(files: Record<string, string>, slug?: string): Promise<Reply> {
    const form = new FormData();
    form.append('file', new Blob([zipFiles(files)]), 'problem.zip');
    if (slug) form.append('slug', slug);
    return this.request('POST', '/problems/import', form);
  }

  async submit(problem: string, language: string, source: string): Promise<string> {
    const r = await this.request('POST', '/submissions', { problem, language, source });
    if (r.status !== 202) throw new Error(`submit failed: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body.id;
  }

  /** Polls a submission until it is done or failed. */
  async result(id: string, timeoutMs = 120_000): Promise<any> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const r = await this.request('GET', `/submissions/${id}`);
      if (r.status !== 200) throw new Error(`read failed: ${r.status} ${JSON.stringify(r.body)}`);
      if (r.body.status === 'done' || r.body.status === 'failed') return r.body;
      if (Date.now() > deadline) throw new Error(`submission ${id} still ${r.body.status}`);
      await new Promise((res) => setTimeout(res, 200));
    }
  }
}

/** A zip of text files, as a package upload. */
export function zipFiles(files: Record<string, string>): Buffer {
  return Buffer.from(
    zipSync(Object.fromEntries(Object.entries(files).map(([k, v]) => [k, new TextEncoder().encode(v)]))),
  );
}

/** This test run's admin (test/setup/test-env.ts), created by the API when it starts. */
export const ADMIN = { email: testEnv().BASTION_ADMIN_EMAIL, password: testEnv().BASTION_ADMIN_PASSWORD };

/** A small "A plus B" problem: two integers per input, their sum as the answer. */
export function sumProblem(name = 'A plus B'): Record<string, string> {
  return {
    'problem.yaml': `name: ${name}\nlimits:\n  time_limit: 1\n  memory: 256\n`,
    'problem_statement/problem.en.md': '# A plus B\n\nPrint the sum of two integers.\n',
    'data/sample/1.in': '1 2\n',
    'data/sample/1.ans': '3\n',
    'data/secret/1.in': '40 2\n',
    'data/secret/1.ans': '42\n',
    'data/secret/2.in': '-5 1000000\n',
    'data/secret/2.ans': '999995\n',
  };
}
