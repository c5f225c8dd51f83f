import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Access, CurrentUser, Principal } from '../common/access.decorator';
import { ApiErrors, AUTHOR_ONLY, JSON_BODY_ERRORS } from '../openapi/errors';
import { ApiConfirm, ApiOk, ApiPath } from '../openapi/operation';
import { ref } from '../openapi/schema';
import { AuthoringService } from './authoring.service';
import { CreateProblemDto, UpdateProblemDto } from './dto/authoring.dto';

/** Problems written in a form (a draft owned by its author), edited, and their security overview. */
@ApiTags('Authoring')
@Controller('problems')
export class AuthoringController {
  constructor(private readonly authoring: AuthoringService) {}

  @Post()
  @HttpCode(201)
  @Access(['admin', 'instructor'])
  @ApiOperation({
    summary: 'Create a problem from a form',
    description:
      'A draft owned by the caller, with its tests inline. JSON bodies on /problems routes may be 16 MiB; each ' +
      'input and answer at most 8 MiB.',
  })
  @ApiOk(201, ref('ProblemWithTestCount'), 'Created as a draft')
  @ApiErrors(
    ...JSON_BODY_ERRORS,
    'BAD_CHECKER',
    'BAD_SECURITY_POLICY',
    'BAD_LIMIT',
    'BAD_TEST_NAME',
    'DUPLICATE_TEST_NAME',
    'ANSWER_REQUIRED',
    'FORBIDDEN_OUTPUT_NOT_ALLOWED',
    'PROBLEM_EXISTS',
    'TEST_TOO_LARGE',
  )
  create(@Body() dto: CreateProblemDto, @CurrentUser() me: Principal) {
    return this.authoring.create(me, dto);
  }

  @Patch(':slug')
  @Access(['admin', 'instructor'])
  @ApiOperation({
    summary: 'Edit a problem',
    description:
      'Changes the fields sent; `security` keys are laid over the current policy; a custom checker stays unless a ' +
      'built-in one is sent. Changing limits or the checker marks the verification report stale. Its author or an admin.',
  })
  @ApiPath('slug')
  @ApiOk(200, ref('ProblemWithTestCount'), 'The problem as it is now')
  @ApiErrors(
    ...JSON_BODY_ERRORS,
    'BAD_CHECKER',
    'BAD_SECURITY_POLICY',
    'BAD_LIMIT',
    ...AUTHOR_ONLY,
    'PROBLEM_IN_OPEN_ASSIGNMENT',
  )
  @ApiConfirm()
  update(
    @Param('slug') slug: string,
    @Body() dto: UpdateProblemDto,
    @CurrentUser() me: Principal,
    @Query('confirm') confirm?: string,
  ) {
    return this.authoring.update(me, slug, dto, confirm === 'true');
  }

  /** Which CWEs the problem's students wrote, how many of them, and how many fixed it later. */
  @Get(':slug/security-overview')
  @Access(['admin', 'instructor'])
  @ApiOperation({
    summary: 'Security overview',
    description:
      "Which CWEs the problem's students wrote (judged student submissions only), in how many submissions and by " +
      'how many students, and how many of them later submitted without it. Its author or an admin.',
  })
  @ApiPath('slug')
  @ApiOk(200, ref('SecurityOverview'), 'Most frequent CWE first')
  @ApiErrors(...AUTHOR_ONLY)
  securityOverview(@Param('slug') slug: string, @CurrentUser() me: Principal) {
    return this.authoring.securityOverview(me, slug);
  }
}
