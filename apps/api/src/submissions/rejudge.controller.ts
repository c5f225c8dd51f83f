import { Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Access, CurrentUser, Principal } from '../common/access.decorator';
import { ApiErrors, AUTHOR_ONLY } from '../openapi/errors';
import { ApiOk, ApiPath } from '../openapi/operation';
import { ref } from '../openapi/schema';
import { RejudgeService } from './rejudge.service';

/** Judging again after a problem's tests changed: its author or an admin. */
@ApiTags('Rejudge')
@Controller()
export class RejudgeController {
  constructor(private readonly rejudge: RejudgeService) {}

  @Post('submissions/:id/rejudge')
  @HttpCode(202)
  @Access(['admin', 'instructor'])
  @ApiOperation({
    summary: 'Rejudge a submission',
    description:
      "Clears its verdict, score, findings and test results and queues it again with the problem's current tests. " +
      "The problem's author or an admin.",
  })
  @ApiPath(['id', 'submissionId'])
  @ApiOk(202, ref('SubmissionQueued'), 'Queued again')
  @ApiErrors(
    'SUBMISSION_NOT_FOUND',
    ['FORBIDDEN', "Only the problem's author or an admin may rejudge"],
    'SUBMISSION_BUSY',
  )
  one(@Param('id') id: string, @CurrentUser() me: Principal) {
    return this.rejudge.one(me, id);
  }

  /** Every finished submission of the problem (at most 5000): `{ count, skipped }`. */
  @Post('problems/:slug/rejudge')
  @HttpCode(202)
  @Access(['admin', 'instructor'])
  @ApiOperation({
    summary: "Rejudge a problem's submissions",
    description:
      'Every finished submission of the problem is queued again; those still queued or being judged are left alone ' +
      'and counted in `skipped`. At most 5000 submissions. Its author or an admin.',
  })
  @ApiPath('slug')
  @ApiOk(202, ref('ProblemRejudge'), 'Queued')
  @ApiErrors(...AUTHOR_ONLY, 'TOO_MANY_TO_REJUDGE')
  problem(@Param('slug') slug: string, @CurrentUser() me: Principal) {
    return this.rejudge.problem(me, slug);
  }
}
