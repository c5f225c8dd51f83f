import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { IsEmail, IsString, MaxLength } from 'class-validator';
import { Access } from '../common/access.decorator';
import { ApiError } from '../common/api-error';
import { UsersService } from '../users/users.service';

class LoginDto {
  @IsEmail() @MaxLength(320) email: string;
  @IsString() @MaxLength(200) password: string;
}

@Controller('auth')
export class AuthController {
  constructor(
    private readonly users: UsersService,
    private readonly jwt: JwtService,
  ) {}

  @Post('login')
  @HttpCode(200)
  @Access('public')
  async login(@Body() dto: LoginDto) {
    const user = await this.users.verify(dto.email, dto.password);
    if (!user) throw new ApiError(401, 'INVALID_CREDENTIALS', 'Wrong email or password');
    const accessToken = await this.jwt.signAsync({ sub: user.id, role: user.role });
    return { accessToken, user: { id: user.id, email: user.email, name: user.name, role: user.role } };
  }
}
