import { LANGUAGE_IDS, ROLES } from '@bastion/contracts';
import { TOKEN_SCOPES } from '@bastion/db';
import { arr, bool, dateTime, int, num, obj, oneOfValues, ref, str, uuid } from './schema';

const USER_EXAMPLE = {
  id: '78128c06-8b94-40fc-aa4c-1e5d272fc944',
  email: 'kim@example.edu',
  name: 'Kim Lee',
  role: 'student',
};

const ACCOUNT_EXAMPLE = { ...USER_EXAMPLE, disabledAt: null, createdAt: '2026-09-01T08:00:00.000Z' };

const accountProperties = {
  id: uuid(),
  email: str(undefined, { format: 'email' }),
  name: str(),
  role: oneOfValues(ROLES),
  disabledAt: dateTime('When an admin disabled the account; null while it is active', true),
  createdAt: dateTime(),
};

const TOKEN_EXAMPLE = {
  id: '547bc2a8-c191-4f72-bfee-90c699f5041c',
  name: 'ci',
  prefix: 'bst_Y0nl',
  scopes: ['submit', 'read'],
  callbackUrl: null,
  createdAt: '2026-11-23T16:03:14.272Z',
  lastUsedAt: null,
};

const tokenProperties = {
  id: uuid(),
  name: str('What the token is for'),
  prefix: str('The first 8 characters of the token, to recognise it'),
  scopes: arr(oneOfValues(TOKEN_SCOPES), 'read: GET routes; submit: submissions and runs; author: authoring routes'),
  callbackUrl: str('Default callback URL of submissions made with this token', { nullable: true, format: 'uri' }),
  createdAt: dateTime(),
  lastUsedAt: dateTime('Last use, to a minute', true),
};

const check = (description: string) =>
  obj(
    {
      ok: bool(),
      error: str('Why not, when not ok'),
      count: int('Workers that reported in the last 15 s (workers only)'),
      workersWithoutDocker: int('Workers whose Docker engine does not answer (docker only)'),
    },
    { optional: ['error', 'count', 'workersWithoutDocker'], description },
  );

/** Accounts, sign-in, API tokens, languages and health. */
export const PEOPLE_SCHEMAS = {
  User: obj(
    { id: uuid(), email: str(undefined, { format: 'email' }), name: str(), role: oneOfValues(ROLES) },
    { example: USER_EXAMPLE },
  ),
  LoginResult: obj(
    {
      accessToken: str(
        'A JWT; send it as `Authorization: Bearer <accessToken>`. The same token is set as the HttpOnly `bastion_session` cookie.',
      ),
      user: ref('User'),
    },
    {
      example: {
        accessToken:
          'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiI3ODEyOGMwNi04Yjk0LTQwZmMtYWE0Yy0xZTVkMjcyZmM5NDQiLCJyb2xlIjoic3R1ZGVudCJ9.8x0n4oo9ekxqZv-9R7e39Nksq7PLM_N68gsxQU0IZKc',
        user: USER_EXAMPLE,
      },
    },
  ),
  Account: obj(accountProperties, { example: ACCOUNT_EXAMPLE }),
  AccountList: obj(
    {
      items: arr(ref('Account')),
      total: int('Matching accounts, all pages'),
      limit: int(),
      offset: int(),
    },
    { example: { items: [ACCOUNT_EXAMPLE], total: 1, limit: 50, offset: 0 } },
  ),
  AccountPasswordReset: obj(
    { ...accountProperties, password: str('The generated password, when none was sent (shown this once)') },
    { optional: ['password'], example: { ...ACCOUNT_EXAMPLE, password: 'Xq3Vb0x-LmT2wPz9' } },
  ),
  RosterImport: obj(
    {
      created: arr(
        obj(
          { email: str(), role: str(), password: str('The generated password, when the row gave none (shown once)') },
          { optional: ['password'] },
        ),
      ),
      skipped: arr(obj({ line: int('Line in the CSV (the header is line 1)'), email: str(), reason: str() })),
    },
    {
      example: {
        created: [
          { email: 'kim@example.edu', role: 'student', password: 'q3Vb0x-LmT2w' },
          { email: 'lee@example.edu', role: 'student' },
        ],
        skipped: [
          { line: 4, email: 'ada@example.edu', reason: 'An account with the email ada@example.edu already exists' },
        ],
      },
    },
  ),
  ApiToken: obj(tokenProperties, { example: TOKEN_EXAMPLE }),
  NewApiToken: obj(
    { ...tokenProperties, token: str('The secret (`bst_…`); shown in this answer only, only its hash is kept') },
    { example: { ...TOKEN_EXAMPLE, token: 'bst_Y0nl_6vY4_FJX4VAF3zrvG62bdqJQO4u' } },
  ),
  Language: obj(
    {
      id: oneOfValues(LANGUAGE_IDS, 'The `language` of submissions and runs'),
      name: str(),
      version: str(),
      sourceFile: str('The file the source is saved as'),
      compile: str('The compile command', { nullable: true }),
      run: str('The run command (`{memMb}` is the memory limit)'),
      timeFactor: num('Time limits are multiplied by this for the language'),
    },
    {
      example: {
        id: 'c',
        name: 'C17 (GCC)',
        version: 'gcc 12.2 (Debian bookworm)',
        sourceFile: 'main.c',
        compile: 'gcc -std=gnu17 -O2 -pipe -Wall -o main main.c -lm',
        run: './main',
        timeFactor: 1,
      },
    },
  ),
  Health: obj(
    {
      status: oneOfValues(['ok', 'degraded']),
      checks: obj({
        api: check('The API itself'),
        postgres: check('SELECT 1 within 2 s'),
        redis: check('PING within 2 s'),
        workers: check('Worker heartbeats in Redis'),
        docker: check("The workers' Docker engines, from their heartbeats"),
      }),
    },
    {
      example: {
        status: 'ok',
        checks: {
          api: { ok: true },
          postgres: { ok: true },
          redis: { ok: true },
          workers: { ok: true, count: 1 },
          docker: { ok: true },
        },
      },
    },
  ),
};
