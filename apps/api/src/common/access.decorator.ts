import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import type { Role } from '@bastion/contracts';

export const ACCESS_KEY = 'bastion:access';

/** Who may call a route: 'public', any signed-in user ('user'), or the listed roles. */
export type AccessRule = 'public' | 'user' | Role[];

/** Every route must declare its access; the guard refuses routes that do not. */
export const Access = (rule: AccessRule) => SetMetadata(ACCESS_KEY, rule);

export interface Principal {
  id: string;
  role: Role;
}

/** The signed-in caller, as the guard established it. */
export const CurrentUser = createParamDecorator(
  (_: unknown, ctx: ExecutionContext): Principal => ctx.switchToHttp().getRequest<{ user: Principal }>().user,
);
