import { CanActivate, ExecutionContext, Injectable, Logger } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import type { Request } from 'express';
import { ROLES, Role } from '@bastion/contracts';
import { ACCESS_KEY, AccessRule, Principal } from '../common/access.decorator';
import { ApiError } from '../common/api-error';

/** Global guard: reads the route's access rule, verifies the bearer token and the caller's role. */
@Injectable()
export class AuthGuard implements CanActivate {
  private readonly log = new Logger(AuthGuard.name);

  constructor(
    private readonly reflector: Reflector,
    private readonly jwt: JwtService,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const rule = this.reflector.getAllAndOverride<AccessRule | undefined>(ACCESS_KEY, [
      ctx.getHandler(),
      ctx.getClass(),
    ]);
    if (rule === undefined) {
      this.log.error(`route ${ctx.getClass().name}.${ctx.getHandler().name} declares no access rule`);
      throw new ApiError(403, 'FORBIDDEN', 'This route is not available');
    }
    if (rule === 'public') return true;
    const req = ctx.switchToHttp().getRequest<Request & { user?: Principal }>();
    const header = req.headers.authorization ?? '';
    const [scheme, token] = header.split(' ');
    if (scheme !== 'Bearer' || !token) {
      throw new ApiError(401, 'UNAUTHENTICATED', 'Sign in: send Authorization: Bearer <token>');
    }
    let payload: { sub?: unknown; role?: unknown };
    try {
      payload = await this.jwt.verifyAsync(token);
    } catch {
      throw new ApiError(401, 'INVALID_TOKEN', 'The token is invalid or has expired');
    }
    if (typeof payload.sub !== 'string' || !ROLES.includes(payload.role as Role)) {
      throw new ApiError(401, 'INVALID_TOKEN', 'The token is invalid or has expired');
    }
    req.user = { id: payload.sub, role: payload.role as Role };
    if (rule !== 'user' && !rule.includes(req.user.role)) {
      throw new ApiError(403, 'FORBIDDEN', `This needs the role ${rule.join(' or ')}`);
    }
    return true;
  }
}
