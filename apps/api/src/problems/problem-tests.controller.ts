import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Access, CurrentUser, Principal } from '../common/access.decorator';
import { ApiErrors, AUTHOR_ONLY, JSON_BODY_ERRORS } from '../openapi/errors';
import { ApiConfirm, ApiNoContent, ApiOk, ApiPath } from '../openapi/operation';
import { arr, ref } from '../openapi/schema';
import { TestCaseDto, UpdateTestCaseDto } from './dto/authoring.dto';
import { ProblemTestsService } from './problem-tests.service';

/** A problem's tests (hidden ones included): its author and admins only. */
@ApiTags('Problem tests')
@Controller('problems/:slug/tests')
export class ProblemTestsController {
  constructor(private readonly tests: ProblemTestsService) {}

  @Get()
  @Access(['admin', 'instructor'])
  @ApiOperation({
    summary: "List a problem's tests",
    description: 'Hidden ones included, in run order, without their data.',
  })
  @ApiPath('slug')
  @ApiOk(200, arr(ref('TestCaseSummary')), 'The tests')
  @ApiErrors(...AUTHOR_ONLY)
  list(@Param('slug') slug: string, @CurrentUser() me: Principal) {
    return this.tests.list(me, slug);
  }

  /** One test with its input and answer as UTF-8 text. */
  @Get(':id')
  @Access(['admin', 'instructor'])
  @ApiOperation({ summary: 'Read a test', description: 'With its input and answer as UTF-8 text.' })
  @ApiPath('slug', ['id', 'testId'])
  @ApiOk(200, ref('TestCase'), 'The test')
  @ApiErrors(...AUTHOR_ONLY, 'TEST_NOT_FOUND')
  get(@Param('slug') slug: string, @Param('id') id: string, @CurrentUser() me: Principal) {
    return this.tests.get(me, slug, id);
  }

  @Post()
  @HttpCode(201)
  @Access(['admin', 'instructor'])
  @ApiOperation({
    summary: 'Add a test',
    description:
      'Appended after the last one; takes effect on the next judging and marks the verification report stale.',
  })
  @ApiPath('slug')
  @ApiOk(201, ref('TestCaseSummary'), 'Added')
  @ApiErrors(
    ...JSON_BODY_ERRORS,
    'BAD_TEST_NAME',
    'ANSWER_REQUIRED',
    'FORBIDDEN_OUTPUT_NOT_ALLOWED',
    ...AUTHOR_ONLY,
    'TEST_EXISTS',
    'TOO_MANY_TESTS',
    'TEST_TOO_LARGE',
    'PROBLEM_IN_OPEN_ASSIGNMENT',
  )
  @ApiConfirm()
  create(
    @Param('slug') slug: string,
    @Body() dto: TestCaseDto,
    @CurrentUser() me: Principal,
    @Query('confirm') confirm?: string,
  ) {
    return this.tests.create(me, slug, dto, confirm === 'true');
  }

  @Put(':id')
  @Access(['admin', 'instructor'])
  @ApiOperation({
    summary: 'Change a test',
    description: "Replaces the fields sent; the rest stay. A new kind moves the test to that kind's folder.",
  })
  @ApiPath('slug', ['id', 'testId'])
  @ApiOk(200, ref('TestCaseSummary'), 'The test as it is now')
  @ApiErrors(
    ...JSON_BODY_ERRORS,
    'BAD_TEST_NAME',
    'ANSWER_REQUIRED',
    'FORBIDDEN_OUTPUT_NOT_ALLOWED',
    ...AUTHOR_ONLY,
    'TEST_NOT_FOUND',
    'TEST_EXISTS',
    'TEST_TOO_LARGE',
    'PROBLEM_IN_OPEN_ASSIGNMENT',
  )
  @ApiConfirm()
  update(
    @Param('slug') slug: string,
    @Param('id') id: string,
    @Body() dto: UpdateTestCaseDto,
    @CurrentUser() me: Principal,
    @Query('confirm') confirm?: string,
  ) {
    return this.tests.update(me, slug, id, dto, confirm === 'true');
  }

  @Delete(':id')
  @HttpCode(204)
  @Access(['admin', 'instructor'])
  @ApiOperation({ summary: 'Delete a test' })
  @ApiPath('slug', ['id', 'testId'])
  @ApiNoContent('Deleted')
  @ApiErrors(...AUTHOR_ONLY, 'TEST_NOT_FOUND', 'PROBLEM_IN_OPEN_ASSIGNMENT')
  @ApiConfirm()
  async remove(
    @Param('slug') slug: string,
    @Param('id') id: string,
    @CurrentUser() me: Principal,
    @Query('confirm') confirm?: string,
  ): Promise<void> {
    await this.tests.remove(me, slug, id, confirm === 'true');
  }
}
