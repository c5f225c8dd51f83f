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
import { ApiBody, ApiConsumes, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { rm } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { IsOptional, Matches } from 'class-validator';
import { CHUNK_BYTES } from '@bastion/problem-package';
import { Access, CurrentUser, Principal } from '../common/access.decorator';
import { ApiError } from '../common/api-error';
import { ApiErrors, AUTHOR_ONLY } from '../openapi/errors';
import { ApiContent, ApiOk, ApiPath } from '../openapi/operation';
import { arr, ref } from '../openapi/schema';
import { ProblemsService } from './problems.service';

class ImportDto {
  @ApiPropertyOptional({
    pattern: '^[a-z0-9][a-z0-9-]{0,99}$',
    description: "The problem's slug; default: from the package's short name or name",
    example: 'greeting',
  })
  @IsOptional()
  @Matches(/^[a-z0-9][a-z0-9-]{0,99}$/, { message: 'slug must be lowercase letters, digits and dashes' })
  slug?: string;
}

@ApiTags('Problems')
@Controller('problems')
export class ProblemsController {
  constructor(private readonly problems: ProblemsService) {}

  /** Imports a Kattis problem package: multipart field `file`, a zip. */
  @Post('import')
  @HttpCode(201)
  @Access(['admin', 'instructor'])
  @UseInterceptors(FileInterceptor('file'))
  @ApiOperation({
    summary: 'Import a Kattis problem package',
    description:
      'The zip holds problem.yaml, problem_statement/, data/sample and data/secret (test groups allowed), ' +
      "optionally output_validators/, submissions/<expected verdict>/ and Bastion's bastion.yaml (security policy) " +
      'and data/attack. The problem is created as a draft owned by the caller. Without a time limit in the package ' +
      'and with accepted reference solutions, a verification starts that measures it (`verification` in the answer). ' +
      'At most BASTION_MAX_PACKAGE_BYTES (64 MiB), unpacking to at most 256 MiB and 10000 files; each YAML file at ' +
      'most 64 KiB, all of them 1 MiB (413 PACKAGE_YAML_TOO_LARGE).',
  })
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['file'],
      properties: {
        file: { type: 'string', format: 'binary', description: 'The package zip' },
        slug: {
          type: 'string',
          pattern: '^[a-z0-9][a-z0-9-]{0,99}$',
          description: 'Optional slug',
          example: 'greeting',
        },
      },
    },
  })
  @ApiOk(201, ref('ImportedProblem'), 'Imported as a draft')
  @ApiErrors(
    'FILE_REQUIRED',
    ['VALIDATION_FAILED', 'slug must be lowercase letters, digits and dashes'],
    'BAD_REQUEST',
    'BAD_SLUG',
    'PACKAGE_INVALID',
    'PROBLEM_EXISTS',
    ['PAYLOAD_TOO_LARGE', 'File too large'],
    'PACKAGE_TOO_LARGE',
    'PACKAGE_UNSUPPORTED',
  )
  async import(
    @UploadedFile() file: Express.Multer.File | undefined,
    @Body() dto: ImportDto,
    @CurrentUser() me: Principal,
  ) {
    try {
      if (!file?.size) throw new ApiError(400, 'FILE_REQUIRED', 'Send the package zip as the multipart field "file"');
      return await this.problems.import(file.path, dto.slug, me);
    } finally {
      if (file?.path) await rm(file.path, { force: true });
    }
  }

  @Get()
  @Access('user')
  @ApiOperation({
    summary: 'List problems',
    description:
      'Students see published problems; instructors also their own drafts; admins all. Newest first, at most 500.',
  })
  @ApiOk(200, arr(ref('Problem')), 'The problems the caller may see')
  list(@CurrentUser() me: Principal) {
    return this.problems.list(me);
  }

  @Get(':slug')
  @Access('user')
  @ApiOperation({
    summary: 'Read a problem',
    description:
      'With its statement in every language the package carries and its sample tests (never the hidden ones).',
  })
  @ApiPath('slug')
  @ApiOk(200, ref('ProblemDetail'), 'The problem')
  @ApiErrors('PROBLEM_NOT_FOUND')
  get(@Param('slug') slug: string, @CurrentUser() me: Principal) {
    return this.problems.get(me, slug);
  }

  /** The problem as a Kattis package zip. */
  @Get(':slug/export')
  @Access(['admin', 'instructor'])
  @ApiOperation({
    summary: 'Export a problem package',
    description:
      'The problem as a Kattis package zip (problem.yaml, statements, every test, validator, bastion.yaml, data/attack, ' +
      'reference solutions); it imports back as the same problem. Its author or an admin.',
  })
  @ApiPath('slug')
  @ApiContent(
    200,
    'application/zip',
    { type: 'string', format: 'binary' },
    'The zip, as an attachment named <slug>.zip',
  )
  @ApiErrors(...AUTHOR_ONLY)
  async export(@Param('slug') slug: string, @CurrentUser() me: Principal, @Res() res: Response): Promise<void> {
    const zip = await this.problems.export(me, slug);
    try {
      res.setHeader('content-type', 'application/zip');
      res.setHeader('content-disposition', `attachment; filename="${slug}.zip"`);
      res.setHeader('content-length', String(zip.bytes));
      // A chunk at a time, as the client takes them: the zip stays in its thread until then.
      await pipeline(Readable.from(zip.read(), { objectMode: false, highWaterMark: CHUNK_BYTES }), res);
    } catch (e) {
      // The client went away mid-download: nothing to answer.
      if ((e as { code?: string }).code !== 'ERR_STREAM_PREMATURE_CLOSE') throw e;
    } finally {
      await zip.close();
    }
  }

  /** Best score per student, as CSV. */
  @Get(':slug/gradebook.csv')
  @Access(['admin', 'instructor'])
  @Header('content-type', 'text/csv; charset=utf-8')
  @ApiOperation({
    summary: 'Gradebook (CSV)',
    description:
      "Each student's best score, attempts and acceptance on the problem, one row per student by email. Every " +
      'field is quoted and formula-like values are defused. Its author or an admin.',
  })
  @ApiPath('slug')
  @ApiContent(
    200,
    'text/csv',
    { type: 'string', description: 'Columns: email, name, best_score, max_score, attempts, accepted, last_submission' },
    'The gradebook',
    '"email","name","best_score","max_score","attempts","accepted","last_submission"\r\n' +
      '"kim@example.edu","Kim Lee","100","100","3","true","2026-11-23T16:03:14.573Z"\r\n',
  )
  @ApiErrors(...AUTHOR_ONLY)
  gradebook(@Param('slug') slug: string, @CurrentUser() me: Principal) {
    return this.problems.gradebook(me, slug);
  }

  /** Runs the reference solutions and reports each verdict against its folder (202; poll the GET). */
  @Post(':slug/verify')
  @HttpCode(202)
  @Access(['admin', 'instructor'])
  @ApiOperation({
    summary: 'Verify a problem',
    description:
      "Runs the package's reference solutions (submissions/<folder>/) and compares each verdict with its folder. " +
      'One verification at a time: asking while one runs returns it. Poll GET /problems/{slug}/verify.',
  })
  @ApiPath('slug')
  @ApiOk(202, ref('Verification'), 'Started (status running), or the one already running')
  @ApiErrors(...AUTHOR_ONLY, 'NO_REFERENCE_SOLUTIONS')
  verify(@Param('slug') slug: string, @CurrentUser() me: Principal) {
    return this.problems.verify(me, slug);
  }

  /** The latest verification report. */
  @Get(':slug/verify')
  @Access(['admin', 'instructor'])
  @ApiOperation({
    summary: 'Read the verification report',
    description: 'The latest one; `stale` when the problem changed since.',
  })
  @ApiPath('slug')
  @ApiOk(200, ref('Verification'), 'The report')
  @ApiErrors(...AUTHOR_ONLY, 'NOT_VERIFIED')
  verification(@Param('slug') slug: string, @CurrentUser() me: Principal) {
    return this.problems.verification(me, slug);
  }

  @Post(':slug/publish')
  @HttpCode(200)
  @Access(['admin', 'instructor'])
  @ApiOperation({ summary: 'Publish a problem', description: 'Students see it from now on. Its author or an admin.' })
  @ApiPath('slug')
  @ApiOk(200, ref('Problem'), 'Published')
  @ApiErrors(...AUTHOR_ONLY)
  publish(@Param('slug') slug: string, @CurrentUser() me: Principal) {
    return this.problems.setPublished(me, slug, true);
  }

  @Post(':slug/unpublish')
  @HttpCode(200)
  @Access(['admin', 'instructor'])
  @ApiOperation({
    summary: 'Withdraw a problem',
    description: 'Back to a draft that students do not see. Its author or an admin.',
  })
  @ApiPath('slug')
  @ApiOk(200, ref('Problem'), 'Withdrawn (published: false)')
  @ApiErrors(...AUTHOR_ONLY)
  unpublish(@Param('slug') slug: string, @CurrentUser() me: Principal) {
    return this.problems.setPublished(me, slug, false);
  }
}
