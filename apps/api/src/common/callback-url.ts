import { applyDecorators } from '@nestjs/common';
import { IsOptional, MaxLength, ValidateBy } from 'class-validator';
import { checkUrl, OutboundRefused } from '@bastion/outbound';
import { ApiError } from './api-error';

/**
 * Read with the WHATWG URL parser, the one delivery uses, so the API and the worker agree on what a
 * URL means (http://2130706433/ is http://127.0.0.1/ to both).
 */
function isHttpUrl(value: unknown): boolean {
  if (typeof value !== 'string' || !/^https?:\/\//i.test(value)) return false;
  try {
    return new URL(value).hostname !== '';
  } catch {
    return false;
  }
}

/** An optional webhook address: http(s), at most 2000 characters. Where it may point: `assertCallbackUrl`. */
export const IsCallbackUrl = () =>
  applyDecorators(
    IsOptional(),
    MaxLength(2000),
    ValidateBy({
      name: 'isCallbackUrl',
      validator: { validate: isHttpUrl, defaultMessage: () => 'callbackUrl must be an http(s) URL' },
    }),
  );

/**
 * Refuses (422 CALLBACK_URL_REFUSED) a callback URL with credentials in it, a host that does not
 * resolve within 3 s, or one with any address that is not public, unless private addresses are
 * allowed. The worker checks again on every delivery: DNS answers change.
 */
export async function assertCallbackUrl(url: string, allowPrivate: boolean): Promise<void> {
  try {
    await checkUrl(url, { allowPrivate, resolveTimeoutMs: 3000 });
  } catch (e) {
    if (e instanceof OutboundRefused) throw new ApiError(422, 'CALLBACK_URL_REFUSED', `callbackUrl: ${e.message}`);
    throw e;
  }
}
