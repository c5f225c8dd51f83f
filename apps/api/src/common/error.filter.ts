import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { Response } from 'express';
import { randomUUID } from 'node:crypto';
import { ApiError } from './api-error';

const CODES: Record<number, string> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHORIZED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  409: 'CONFLICT',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  422: 'UNPROCESSABLE',
  429: 'TOO_MANY_REQUESTS',
  503: 'SERVICE_UNAVAILABLE',
};

interface BodyParserError {
  type?: string;
  status?: number;
  message?: string;
  /** Set by http-errors on a 4xx it wraps, e.g. a gzip body that does not inflate. */
  expose?: boolean;
}

/** Maps every error to `{ error: { code, message, details? } }`; a 500 carries only an errorId. */
@Catch()
export class ErrorFilter implements ExceptionFilter {
  private readonly log = new Logger('Errors');

  catch(exception: unknown, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<Response>();
    const { status, body } = this.describe(exception);
    if (res.headersSent) return;
    const retryAfter = (body.details as { retryAfter?: number } | undefined)?.retryAfter;
    if (status === 429 && retryAfter) res.setHeader('Retry-After', String(retryAfter));
    res.status(status).json({ error: body });
  }

  private describe(e: unknown): { status: number; body: Record<string, unknown> } {
    if (e instanceof ApiError) {
      return { status: e.getStatus(), body: { code: e.code, message: e.message, details: e.details } };
    }
    if (e instanceof HttpException) {
      const status = e.getStatus();
      const r = e.getResponse();
      const raw = typeof r === 'string' ? r : (r as { message?: unknown }).message;
      if (Array.isArray(raw)) {
        return { status, body: { code: 'VALIDATION_FAILED', message: raw.join('; '), details: raw } };
      }
      const message = String(raw ?? e.message);
      // Nest hands body-parser's JSON syntax errors over as a plain 400.
      if (status === 400 && /JSON/.test(message)) {
        return { status, body: { code: 'MALFORMED_JSON', message: `The request body is not valid JSON: ${message}` } };
      }
      return { status, body: { code: CODES[status] ?? 'ERROR', message } };
    }
    const bp = e as BodyParserError;
    if (bp?.type === 'entity.parse.failed') {
      return { status: 400, body: { code: 'MALFORMED_JSON', message: 'The request body is not valid JSON' } };
    }
    if (bp?.type === 'entity.too.large') {
      return { status: 413, body: { code: 'PAYLOAD_TOO_LARGE', message: 'The request body is too large' } };
    }
    if (bp?.status && bp.status >= 400 && bp.status < 500 && (bp.type || bp.expose)) {
      return { status: bp.status, body: { code: 'BAD_REQUEST', message: bp.message ?? 'Bad request' } };
    }
    const errorId = randomUUID();
    this.log.error(`errorId=${errorId} ${(e as Error)?.stack ?? String(e)}`);
    return {
      status: HttpStatus.INTERNAL_SERVER_ERROR,
      body: { code: 'INTERNAL', message: 'Internal error; quote the errorId when reporting it', errorId },
    };
  }
}
