import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import { Access, CurrentUser, Principal } from '../common/access.decorator';
import { TestCaseDto, UpdateTestCaseDto } from './dto/authoring.dto';
import { ProblemTestsService } from './problem-tests.service';

/** A problem's tests (hidden ones included): its author and admins only. */
@Controller('problems/:slug/tests')
export class ProblemTestsController {
  constructor(private readonly tests: ProblemTestsService) {}

  @Get()
  @Access(['admin', 'instructor'])
  list(@Param('slug') slug: string, @CurrentUser() me: Principal) {
    return this.tests.list(me, slug);
  }

  /** One test with its input and answer as UTF-8 text. */
  @Get(':id')
  @Access(['admin', 'instructor'])
  get(@Param('slug') slug: string, @Param('id') id: string, @CurrentUser() me: Principal) {
    return this.tests.get(me, slug, id);
  }

  @Post()
  @HttpCode(201)
  @Access(['admin', 'instructor'])
  create(@Param('slug') slug: string, @Body() dto: TestCaseDto, @CurrentUser() me: Principal) {
    return this.tests.create(me, slug, dto);
  }

  @Put(':id')
  @Access(['admin', 'instructor'])
  update(
    @Param('slug') slug: string,
    @Param('id') id: string,
    @Body() dto: UpdateTestCaseDto,
    @CurrentUser() me: Principal,
  ) {
    return this.tests.update(me, slug, id, dto);
  }

  @Delete(':id')
  @HttpCode(204)
  @Access(['admin', 'instructor'])
  async remove(@Param('slug') slug: string, @Param('id') id: string, @CurrentUser() me: Principal): Promise<void> {
    await this.tests.remove(me, slug, id);
  }
}
