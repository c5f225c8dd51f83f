import { applyDecorators, createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import type { Role } from '@bastion/contracts';
import type { TokenScope } from '@bastion/db';
import { ApiAccessDocs } from '../openapi/access';

export const ACCESS_KEY = 'bastion:access';
export const SCOPE_KEY = 'bastion:scope';

/** Who may call a route: 'public', any signed-in user ('user'), or the listed roles. */
export type AccessRule = 'public' | 'user' | Role[];

/**
 * Every route must declare its access; the guard refuses routes that do not. `scope` is what an API
 * token needs for the route (default: `read` for GET, `author` for anything else). The OpenAPI
 * document takes the route's security, its 401/403 answers and its access line from the same rule.
 */
export const Access = (rule: AccessRule, scope?: TokenScope) =>
  applyDecorators(
    SetMetadata(ACCESS_KEY, rule),
    ...(scope ? [SetMetadata(SCOPE_KEY, scope)] : []),
    ApiAccessDocs(rule, scope),
  );

export interface Principal {
  id: string;
  role: Role;
  /** Set when the caller used an API token: what the token may do. */
  scopes?: TokenScope[];
  /** The API token's default callback URL for submissions it makes. */
  callbackUrl?: string | null;
}

/** The signed-in caller, as the guard established it. */
export const CurrentUser = createParamDecorator(
  (_: unknown, ctx: ExecutionContext): Principal => ctx.switchToHttp().getRequest<{ user: Principal }>().user,
);
