import { Body, Controller, Get, HttpCode, Inject, Post, Req, Res } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type Redis from 'ioredis';
import { REDIS } from '@bastion/db';
import type { Request, Response } from 'express';
import { BASTION_CONFIG, BastionConfig } from '@bastion/config';
import { JwtService } from '@nestjs/jwt';
import { ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsEmail, IsString, MaxLength } from 'class-validator';
import { Access, CurrentUser, Principal } from '../common/access.decorator';
import { RateLimiter } from '../common/rate-limiter';
import { ApiError } from '../common/api-error';
import { accountDisabled } from '../users/accounts.service';
import { UsersService } from '../users/users.service';
import { ApiErrors, JSON_BODY_ERRORS } from '../openapi/errors';
import { ApiNoContent, ApiOk } from '../openapi/operation';
import { ref } from '../openapi/schema';
import { presentedToken, revokedSessionKey, SESSION_COOKIE } from './auth.guard';
import { TOKEN_PREFIX } from '../tokens/tokens.service';

class LoginDto {
  @ApiProperty({ format: 'email', maxLength: 320, example: 'admin@bastion.local' })
  @IsEmail()
  @MaxLength(320)
  email: string;

  @ApiProperty({ maxLength: 200, description: 'The account password', example: 'correct horse battery staple' })
  @IsString()
  @MaxLength(200)
  password: string;
}

@ApiTags('Auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly users: UsersService,
    private readonly jwt: JwtService,
    private readonly limiter: RateLimiter,
    @Inject(BASTION_CONFIG) private readonly config: BastionConfig,
    @Inject(REDIS) private readonly redis: Redis,
  ) {}

  @Post('login')
  @HttpCode(200)
  @Access('public')
  @ApiOperation({
    summary: 'Sign in',
    description:
      'Answers with a token for `Authorization: Bearer` and sets the same token as the HttpOnly `bastion_session` ' +
      'cookie (SameSite=Strict) for the web app. Limited to 10 failed attempts a minute per account (once reached, ' +
      'even the right password waits for the window to end) and 100 attempts a minute per address. A disabled ' +
      'account answers ACCOUNT_DISABLED, but only to the right password.',
  })
  @ApiOk(200, ref('LoginResult'), 'Signed in')
  @ApiErrors(...JSON_BODY_ERRORS, 'INVALID_CREDENTIALS', 'ACCOUNT_DISABLED', [
    'RATE_LIMITED',
    'Too many sign-in attempts; try again in 42 s',
  ])
  async login(@Body() dto: LoginDto, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    const { loginPerMin, loginPerIpPerMin } = this.config.rateLimits;
    const what = 'sign-in attempts';
    await this.limiter.hit(`login:ip:${req.ip}`, loginPerIpPerMin, 60, what);
    // Per account only failed attempts count (an owner signing in on several devices is not an attack),
    // but once they reach the limit the account refuses even the right password until the window ends.
    // The attempt is reserved before the password is hashed, so a burst hashes at most the limit;
    // the right password gives its reservation back.
    const account = `login:email:${dto.email.toLowerCase()}`;
    await this.limiter.hit(account, loginPerMin, 60, what);
    const user = await this.users.verify(dto.email, dto.password);
    if (!user) throw new ApiError(401, 'INVALID_CREDENTIALS', 'Wrong email or password');
    await this.limiter.release(account);
    // Only someone who knows the password learns that the account is disabled.
    if (user.disabledAt) throw accountDisabled();
    const accessToken = await this.jwt.signAsync(
      { sub: user.id, role: user.role, ver: user.sessionVersion },
      { jwtid: randomUUID() },
    );
    // The web app's session: an HttpOnly cookie carrying the same token, never readable by scripts.
    res.cookie(SESSION_COOKIE, accessToken, {
      httpOnly: true,
      sameSite: 'strict',
      secure: this.config.env === 'production',
      path: '/',
    });
    return { accessToken, user: { id: user.id, email: user.email, name: user.name, role: user.role } };
  }

  @Post('logout')
  @HttpCode(204)
  @Access('public')
  @ApiOperation({
    summary: 'Sign out',
    description:
      'Ends the session: its token (from the cookie or `Authorization: Bearer`) is refused from now on, ' +
      'and the cookie is cleared. API tokens are revoked with `DELETE /tokens/:id` instead.',
  })
  @ApiNoContent('The session is over and the cookie is cleared')
  async logout(@Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<void> {
    res.clearCookie(SESSION_COOKIE, { path: '/' });
    const token = presentedToken(req);
    if (!token || token.startsWith(TOKEN_PREFIX)) return;
    const payload = await this.jwt.verifyAsync<{ jti?: unknown; exp?: unknown }>(token).catch(() => null);
    if (typeof payload?.jti !== 'string' || typeof payload.exp !== 'number') return;
    const ttl = Math.max(1, Math.ceil(payload.exp - Date.now() / 1000));
    await this.redis.set(revokedSessionKey(payload.jti), '1', 'EX', ttl).catch(() => {
      throw new ApiError(503, 'UNAVAILABLE', 'The session could not be ended just now; try again');
    });
  }

  @Get('me')
  @Access('user')
  @ApiOperation({ summary: 'Who am I', description: 'The signed-in account (also the owner of an API token).' })
  @ApiOk(200, ref('User'), 'The account')
  me(@CurrentUser() me: Principal) {
    return this.users.profile(me.id);
  }
}
