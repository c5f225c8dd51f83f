import {
  Body,
  Controller,
  Get,
  Header,
  HttpCode,
  Res,
  Param,
  Post,
  UploadedFile,
  UseInterceptors,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import type { Response } from 'express';
import { IsOptional, Matches } from 'class-validator';
import { Access, CurrentUser, Principal } from '../common/access.decorator';
import { ApiError } from '../common/api-error';
import { ProblemsService } from './problems.service';

class ImportDto {
  @IsOptional()
  @Matches(/^[a-z0-9][a-z0-9-]{0,99}$/, { message: 'slug must be lowercase letters, digits and dashes' })
  slug?: string;
}

@Controller('problems')
export class ProblemsController {
  constructor(private readonly problems: ProblemsService) {}

  /** Imports a Kattis problem package: multipart field `file`, a zip. */
  @Post('import')
  @HttpCode(201)
  @Access(['admin', 'instructor'])
  @UseInterceptors(FileInterceptor('file'))
  async import(
    @UploadedFile() file: Express.Multer.File | undefined,
    @Body() dto: ImportDto,
    @CurrentUser() me: Principal,
  ) {
    if (!file?.buffer?.length)
      throw new ApiError(400, 'FILE_REQUIRED', 'Send the package zip as the multipart field "file"');
    return this.problems.import(file.buffer, dto.slug, me);
  }

  @Get()
  @Access('user')
  list(@CurrentUser() me: Principal) {
    return this.problems.list(me);
  }

  @Get(':slug')
  @Access('user')
  get(@Param('slug') slug: string, @CurrentUser() me: Principal) {
    return this.problems.get(me, slug);
  }

  /** The problem as a Kattis package zip. */
  @Get(':slug/export')
  @Access(['admin', 'instructor'])
  async export(@Param('slug') slug: string, @CurrentUser() me: Principal, @Res() res: Response): Promise<void> {
    const zip = await this.problems.export(me, slug);
    res.setHeader('content-type', 'application/zip');
    res.setHeader('content-disposition', `attachment; filename="${slug}.zip"`);
    res.end(zip);
  }

  /** Best score per student, as CSV. */
  @Get(':slug/gradebook.csv')
  @Access(['admin', 'instructor'])
  @Header('content-type', 'text/csv; charset=utf-8')
  gradebook(@Param('slug') slug: string, @CurrentUser() me: Principal) {
    return this.problems.gradebook(me, slug);
  }

  /** Runs the reference solutions and reports each verdict against its folder (202; poll the GET). */
  @Post(':slug/verify')
  @HttpCode(202)
  @Access(['admin', 'instructor'])
  verify(@Param('slug') slug: string, @CurrentUser() me: Principal) {
    return this.problems.verify(me, slug);
  }

  /** The latest verification report. */
  @Get(':slug/verify')
  @Access(['admin', 'instructor'])
  verification(@Param('slug') slug: string, @CurrentUser() me: Principal) {
    return this.problems.verification(me, slug);
  }

  @Post(':slug/publish')
  @HttpCode(200)
  @Access(['admin', 'instructor'])
  publish(@Param('slug') slug: string, @CurrentUser() me: Principal) {
    return this.problems.setPublished(me, slug, true);
  }

  @Post(':slug/unpublish')
  @HttpCode(200)
  @Access(['admin', 'instructor'])
  unpublish(@Param('slug') slug: string, @CurrentUser() me: Principal) {
    return this.problems.setPublished(me, slug, false);
  }
}
