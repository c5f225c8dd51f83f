import { Body, Controller, HttpCode, Post, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBody, ApiConsumes, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Access, CurrentUser, Principal } from '../common/access.decorator';
import { ApiError } from '../common/api-error';
import { ApiErrors, JSON_BODY_ERRORS } from '../openapi/errors';
import { ApiOk } from '../openapi/operation';
import { ref } from '../openapi/schema';
import { CreateUserDto } from './users.dto';
import { rosterFromUpload } from './roster';
import { UsersService } from './users.service';

@ApiTags('Users')
@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  /**
   * Bulk roster import: multipart `file`, CSV with columns email, name and optional role, password.
   * Rows without a password get a generated one, returned here once. Existing emails are skipped.
   */
  @Post('import')
  @HttpCode(200)
  @Access(['admin', 'instructor'])
  @UseInterceptors(FileInterceptor('file', { limits: { fileSize: 2 * 1024 * 1024, files: 1 } }))
  @ApiOperation({
    summary: 'Import a roster (CSV)',
    description:
      'A CSV whose header names `email` and `name`, optionally `role` (default student) and `password`. Rows ' +
      'without a password get a generated one, returned in this answer only. Existing emails and invalid rows ' +
      'are skipped with a reason; instructors may import students only. At most 2 MiB.',
  })
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['file'],
      properties: {
        file: {
          type: 'string',
          format: 'binary',
          description: 'The roster, e.g. `email,name,role\\nkim@example.edu,Kim Lee,student`',
        },
      },
    },
  })
  @ApiOk(200, ref('RosterImport'), 'Accounts created, and rows skipped with the reason')
  @ApiErrors(['FILE_REQUIRED', 'Send the roster CSV as the multipart field "file"'], 'BAD_ROSTER', 'BAD_REQUEST', [
    'PAYLOAD_TOO_LARGE',
    'File too large',
  ])
  async importRoster(@UploadedFile() file: Express.Multer.File | undefined, @CurrentUser() me: Principal) {
    const entries = rosterFromUpload(file);
    const { created, skipped } = await this.users.importRoster(me, entries);
    return { created, skipped: skipped.map(({ line, email, reason }) => ({ line, email, reason })) };
  }

  /** Admins create any account; instructors may create students. */
  @Post()
  @HttpCode(201)
  @Access(['admin', 'instructor'])
  @ApiOperation({
    summary: 'Create an account',
    description:
      'Admins create any account; instructors may create students. The password is stored as an argon2id hash.',
  })
  @ApiOk(201, ref('User'), 'Created')
  @ApiErrors(...JSON_BODY_ERRORS, ['FORBIDDEN', 'Instructors may create student accounts only'], 'USER_EXISTS')
  async create(@Body() dto: CreateUserDto, @CurrentUser() me: Principal) {
    if (me.role === 'instructor' && dto.role !== 'student') {
      throw new ApiError(403, 'FORBIDDEN', 'Instructors may create student accounts only');
    }
    const u = await this.users.create(dto);
    return { id: u.id, email: u.email, name: u.name, role: u.role };
  }
}
