import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Access, CurrentUser, Principal } from '../common/access.decorator';
import { ApiErrors, JSON_BODY_ERRORS } from '../openapi/errors';
import { ApiOk } from '../openapi/operation';
import { ref } from '../openapi/schema';
import { CreateRunDto } from './dto/create-run.dto';
import { RunsService } from './runs.service';

@ApiTags('Runs')
@Controller('runs')
export class RunsController {
  constructor(private readonly runs: RunsService) {}

  /** Runs code once on the given stdin and answers when it has finished. */
  @Post()
  @HttpCode(200)
  @Access('user', 'submit')
  @ApiOperation({
    summary: 'Run code once',
    description:
      'Compiles and runs the program on the given stdin in a sandbox (no problem, no checking) and answers when it ' +
      'has finished, within BASTION_RUN_WAIT_MS. Counts against the submission rate limit.',
  })
  @ApiOk(200, ref('RunResult'), 'What the program did')
  @ApiErrors(
    ...JSON_BODY_ERRORS,
    'SOURCE_TOO_LARGE',
    'STDIN_TOO_LARGE',
    ['RATE_LIMITED', 'Too many runs; try again in 42 s'],
    'QUEUE_UNAVAILABLE',
    'NO_WORKER',
  )
  run(@Body() dto: CreateRunDto, @CurrentUser() me: Principal) {
    return this.runs.run(me, dto);
  }
}
