import { HttpException } from '@nestjs/common';

/** An error the client can act on: an HTTP status, a stable code and words that say what is wrong. */
export class ApiError extends HttpException {
  constructor(
    status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super({ code, message, details }, status);
  }
}
