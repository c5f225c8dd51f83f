import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { Access, CurrentUser, Principal } from '../common/access.decorator';
import { ApiError } from '../common/api-error';
import { CreateUserDto } from './users.dto';
import { UsersService } from './users.service';

@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  /** Admins create any account; instructors may create students. */
  @Post()
  @HttpCode(201)
  @Access(['admin', 'instructor'])
  async create(@Body() dto: CreateUserDto, @CurrentUser() me: Principal) {
    if (me.role === 'instructor' && dto.role !== 'student') {
      throw new ApiError(403, 'FORBIDDEN', 'Instructors may create student accounts only');
    }
    const u = await this.users.create(dto);
    return { id: u.id, email: u.email, name: u.name, role: u.role };
  }
}
