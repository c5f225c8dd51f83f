import { Body, Controller, Get, HttpCode, Inject, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { BASTION_CONFIG, BastionConfig } from '@bastion/config';
import { JwtService } from '@nestjs/jwt';
import { IsEmail, IsString, MaxLength } from 'class-validator';
import { Access, CurrentUser, Principal } from '../common/access.decorator';
import { RateLimiter } from '../common/rate-limiter';
import { ApiError } from '../common/api-error';
import { UsersService } from '../users/users.service';
import { SESSION_COOKIE } from './auth.guard';

class LoginDto {
  @IsEmail() @MaxLength(320) email: string;
  @IsString() @MaxLength(200) password: string;
}

@Controller('auth')
export class AuthController {
  constructor(
    private readonly users: UsersService,
    private readonly jwt: JwtService,
    private readonly limiter: RateLimiter,
    @Inject(BASTION_CONFIG) private readonly config: BastionConfig,
  ) {}

  @Post('login')
  @HttpCode(200)
  @Access('public')
  async login(@Body() dto: LoginDto, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    const { loginPerMin, loginPerIpPerMin } = this.config.rateLimits;
    await this.limiter.hit(`login:email:${dto.email.toLowerCase()}`, loginPerMin, 60, 'sign-in attempts');
    await this.limiter.hit(`login:ip:${req.ip}`, loginPerIpPerMin, 60, 'sign-in attempts');
    const user = await this.users.verify(dto.email, dto.password);
    if (!user) throw new ApiError(401, 'INVALID_CREDENTIALS', 'Wrong email or password');
    const accessToken = await this.jwt.signAsync({ sub: user.id, role: user.role });
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
  logout(@Res({ passthrough: true }) res: Response): void {
    res.clearCookie(SESSION_COOKIE, { path: '/' });
  }

  @Get('me')
  @Access('user')
  me(@CurrentUser() me: Principal) {
    return this.users.profile(me.id);
  }
}
