import { CanActivate, ExecutionContext, Inject, Injectable, Logger } from '@nestjs/common';
import type Redis from 'ioredis';
import { Reflector } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import type { Request } from 'express';
import { REDIS, type TokenScope } from '@bastion/db';
import { ACCESS_KEY, AccessRule, Principal, SCOPE_KEY } from '../common/access.decorator';
import { ApiError } from '../common/api-error';
import { TOKEN_PREFIX, TokensService } from '../tokens/tokens.service';
import { accountDisabled, AccountsService } from '../users/accounts.service';

export const SESSION_COOKIE = 'bastion_session';

/** A signed-out session token's id, kept in Redis until the token would have expired anyway. */
export const revokedSessionKey = (jti: string) => `bastion:revoked-session:${jti}`;

/** The credential a request carries: `Authorization: Bearer …`, else the web app's session cookie. */
export function presentedToken(req: Request): string | null {
  const header = req.headers.authorization;
  if (header) {
    const [scheme, token] = header.split(' ');
    return scheme === 'Bearer' && token ? token : null;
  }
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === SESSION_COOKIE && v.length) return decodeURIComponent(v.join('='));
  }
  return null;
}

/** Global guard: reads the route's access rule, authenticates the caller, checks role and token scope. */
@Injectable()
export class AuthGuard implements CanActivate {
  private readonly log = new Logger(AuthGuard.name);

  constructor(
    private readonly reflector: Reflector,
    private readonly jwt: JwtService,
    private readonly tokens: TokensService,
    private readonly accounts: AccountsService,
    @Inject(REDIS) private readonly redis: Redis,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const targets = [ctx.getHandler(), ctx.getClass()];
    const rule = this.reflector.getAllAndOverride<AccessRule | undefined>(ACCESS_KEY, targets);
    if (rule === undefined) {
      this.log.error(`route ${ctx.getClass().name}.${ctx.getHandler().name} declares no access rule`);
      throw new ApiError(403, 'FORBIDDEN', 'This route is not available');
    }
    if (rule === 'public') return true;
    const req = ctx.switchToHttp().getRequest<Request & { user?: Principal }>();
    const token = presentedToken(req);
    if (!token) throw new ApiError(401, 'UNAUTHENTICATED', 'Sign in: send Authorization: Bearer <token>');
    const user = token.startsWith(TOKEN_PREFIX) ? await this.tokens.authenticate(token) : await this.session(token);
    if (!user) throw new ApiError(401, 'INVALID_TOKEN', 'The token is invalid, revoked or expired');
    req.user = user;
    if (rule !== 'user' && !rule.includes(user.role)) {
      throw new ApiError(403, 'FORBIDDEN', `This needs the role ${rule.join(' or ')}`);
    }
    if (user.scopes) {
      const needed =
        this.reflector.getAllAndOverride<TokenScope | undefined>(SCOPE_KEY, targets) ??
        (req.method === 'GET' ? 'read' : 'author');
      if (!user.scopes.includes(needed))
        throw new ApiError(403, 'SCOPE_MISSING', `This API token lacks the scope "${needed}"`);
    }
    return true;
  }

  /**
   * A sign-in token is only as good as its account right now: the account is read on every request
   * (by primary key), so a deleted or disabled account, or a password reset, takes effect at once,
   * and the role is the account's, not the one written into the token when it was issued.
   */
  private async session(token: string): Promise<Principal | null> {
    let payload: { sub?: unknown; jti?: unknown; ver?: unknown };
    try {
      payload = await this.jwt.verifyAsync(token);
    } catch {
      return null;
    }
    if (typeof payload.sub !== 'string') return null;
    // Signed out? Best effort while Redis is away: sessions keep working rather than all failing.
    if (typeof payload.jti === 'string') {
      const revoked = await this.redis.exists(revokedSessionKey(payload.jti)).catch(() => 0);
      if (revoked) return null;
    }
    const account = await this.accounts.state(payload.sub);
    // Tokens issued before session versions existed carry none: version 0, until the first reset.
    const version = typeof payload.ver === 'number' ? payload.ver : 0;
    if (!account || account.sessionVersion !== version) return null;
    if (account.disabledAt) throw accountDisabled();
    return { id: account.id, role: account.role };
  }
}
