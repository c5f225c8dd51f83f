import { applyDecorators } from '@nestjs/common';
import { ApiExtension, ApiSecurity } from '@nestjs/swagger';
import type { TokenScope } from '@bastion/db';
import type { AccessRule } from '../common/access.decorator';
import { ApiErrors } from './errors';

/** The two ways a caller proves who they are (see auth.guard.ts `presentedToken`). */
export const BEARER_SCHEME = 'bearer';
export const SESSION_SCHEME = 'session';
/** Vendor extension holding the route's access rule; openapi.ts turns it into words in the description. */
export const ACCESS_EXTENSION = 'x-bastion-access';

export interface AccessDoc {
  rule: 'public' | 'user' | string[];
  scope?: TokenScope;
}

/**
 * What `@Access` means for the document: public routes need nothing; others take a bearer token (a
 * login token or an API token) or the session cookie, and can answer 401, and 403 for a token without
 * the route's scope or a role that is not allowed.
 */
export function ApiAccessDocs(rule: AccessRule, scope?: TokenScope): MethodDecorator & ClassDecorator {
  const doc: AccessDoc = { rule, ...(scope ? { scope } : {}) };
  const decorators: (MethodDecorator | ClassDecorator)[] = [ApiExtension(ACCESS_EXTENSION, doc)];
  if (rule !== 'public') {
    decorators.push(
      ApiSecurity(BEARER_SCHEME),
      ApiSecurity(SESSION_SCHEME),
      ApiErrors(
        'UNAUTHENTICATED',
        'INVALID_TOKEN',
        'ACCOUNT_DISABLED',
        'SCOPE_MISSING',
        ...(rule === 'user' ? [] : (['FORBIDDEN'] as const)),
      ),
    );
  }
  return applyDecorators(...decorators) as MethodDecorator & ClassDecorator;
}

/** The access rule in words, for the operation's description. */
export function describeAccess(doc: AccessDoc, method: string): string {
  if (doc.rule === 'public') return '**Access:** anyone, no credentials.';
  const who = doc.rule === 'user' ? 'any signed-in user' : doc.rule.join(' or ');
  const scope = doc.scope ?? (method === 'get' ? 'read' : 'author');
  return `**Access:** ${who}. An API token needs the scope \`${scope}\`.`;
}
