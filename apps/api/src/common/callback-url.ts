import { applyDecorators } from '@nestjs/common';
import { IsOptional, IsUrl, MaxLength } from 'class-validator';

/** An optional webhook address: http(s), at most 2000 characters (where it may point is checked on delivery). */
export const IsCallbackUrl = () =>
  applyDecorators(
    IsOptional(),
    MaxLength(2000),
    IsUrl(
      { protocols: ['http', 'https'], require_protocol: true, require_tld: false },
      { message: 'callbackUrl must be an http(s) URL' },
    ),
  );
