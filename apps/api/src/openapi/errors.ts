import { DECORATORS } from '@nestjs/swagger';
import type { ResponseObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { ERRORS, KnownError } from './error-catalogue';

export { ERRORS };

export type ErrorCode = keyof typeof ERRORS;

/**
 * Codes whose real value varies (a package error names its own code); the example shows one of them.
 * The rest of the catalogue's keys are the codes themselves.
 */
const EXAMPLE_CODE: Partial<Record<ErrorCode, string>> = {
  PACKAGE_INVALID: 'MISSING_ANSWER',
  PACKAGE_TOO_LARGE: 'ZIP_TOO_LARGE',
  PACKAGE_UNSUPPORTED: 'INTERACTIVE_NOT_SUPPORTED',
};

/** A problem only its author (or an admin) may touch: 404 when one may not see it, 403 when one may only see it. */
export const AUTHOR_ONLY: ErrorSpec[] = ['PROBLEM_NOT_FOUND', ['FORBIDDEN', 'Only the author or an admin may do this']];

/** What every JSON body route can answer when the body itself is wrong. */
export const JSON_BODY_ERRORS = ['VALIDATION_FAILED', 'MALFORMED_JSON', 'JSON_TOO_DEEP', 'PAYLOAD_TOO_LARGE'] as const;

export const ERROR_BODY_SCHEMA = {
  type: 'object',
  description: 'Every 4xx and 5xx answer. A 500 carries only `code: INTERNAL`, a message and an `errorId` to quote.',
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message'],
      properties: {
        code: { type: 'string', description: 'A stable code to branch on', example: 'PROBLEM_NOT_FOUND' },
        message: { type: 'string', description: 'What is wrong, in words for people' },
        details: {
          description:
            'More about it: the list of validation messages (VALIDATION_FAILED) or `{ retryAfter }` (RATE_LIMITED)',
        },
        errorId: { type: 'string', format: 'uuid', description: 'Only on a 500: quote it when reporting' },
      },
    },
  },
};

const CODES_KEY = 'bastion:openapi:errors';
/** One code, or a code with a message that fits the route better than the catalogue's. */
export type ErrorSpec = ErrorCode | [ErrorCode, string];

const STATUS_TEXT: Record<number, string> = {
  400: 'Bad request',
  401: 'Not signed in',
  403: 'Forbidden',
  404: 'Not found',
  409: 'Conflict',
  413: 'Too large',
  422: 'Cannot be done',
  429: 'Rate limited',
  503: 'Unavailable',
};

function errorResponses(specs: ErrorSpec[]): Record<number, ResponseObject> {
  const byStatus = new Map<number, ErrorSpec[]>();
  for (const s of specs) {
    const status = ERRORS[typeof s === 'string' ? s : s[0]].status;
    byStatus.set(status, [...(byStatus.get(status) ?? []), s]);
  }
  const out: Record<number, ResponseObject> = {};
  for (const [status, list] of byStatus) {
    const examples: Record<string, { summary: string; value: unknown }> = {};
    const lines: string[] = [];
    for (const s of list) {
      const [key, message] = typeof s === 'string' ? [s, undefined] : s;
      const e: KnownError = ERRORS[key];
      const code = EXAMPLE_CODE[key] ?? key;
      lines.push(`- ${EXAMPLE_CODE[key] ? 'a package code' : `\`${code}\``}: ${e.when}`);
      // A route's own validation message brings its own details (the list of messages).
      const details = message && Array.isArray(e.details) ? message.split('; ') : e.details;
      const error = { code, message: message ?? e.message, ...(details ? { details } : {}) };
      examples[key] = { summary: code, value: { error } };
    }
    out[status] = {
      description: `${STATUS_TEXT[status] ?? 'Error'}:\n${lines.join('\n')}`,
      content: { 'application/json': { schema: { $ref: '#/components/schemas/ErrorBody' }, examples } },
      ...(status === 429
        ? {
            headers: {
              'Retry-After': {
                description: 'Seconds until the window resets',
                schema: { type: 'integer', example: 42 },
              },
            },
          }
        : {}),
    };
  }
  return out;
}

/**
 * The error answers a route can give, by code. Declared codes accumulate (the access rule adds 401 and
 * 403), and each status is written whole, so the order of decorators does not matter.
 */
export function ApiErrors(...specs: ErrorSpec[]): MethodDecorator & ClassDecorator {
  return (target: object, _key?: string | symbol, descriptor?: PropertyDescriptor) => {
    const holder = (descriptor?.value ?? target) as object;
    const before: ErrorSpec[] = Reflect.getMetadata(CODES_KEY, holder) ?? [];
    const named = (s: ErrorSpec) => (typeof s === 'string' ? s : s[0]);
    const all = [...before.filter((b) => !specs.some((s) => named(s) === named(b))), ...specs];
    Reflect.defineMetadata(CODES_KEY, all, holder);
    const responses = Reflect.getMetadata(DECORATORS.API_RESPONSE, holder) ?? {};
    Reflect.defineMetadata(DECORATORS.API_RESPONSE, { ...responses, ...errorResponses(all) }, holder);
  };
}
