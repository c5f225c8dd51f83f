import {
  Body,
  Controller,
  Get,
  Header,
  Headers,
  HttpCode,
  MessageEvent,
  Param,
  Post,
  Query,
  Sse,
} from '@nestjs/common';
import { ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import { concat, defer, EMPTY, from, interval, map, merge, Observable, switchMap, takeWhile } from 'rxjs';
import { Access, CurrentUser, Principal } from '../common/access.decorator';
import { CreateBatchDto, CreateSubmissionDto } from './dto/create-submission.dto';
import { ApiError } from '../common/api-error';
import { ApiErrors, JSON_BODY_ERRORS } from '../openapi/errors';
import { ApiContent, ApiOk, ApiPath } from '../openapi/operation';
import { ref } from '../openapi/schema';
import { SCORING_SUBMISSION_EXAMPLE, SUBMISSION_EXAMPLE } from '../openapi/submissions.schemas';
import { ListSubmissionsQuery } from './dto/list-submissions.dto';
import { SSE_DESCRIPTION, SSE_EXAMPLE } from '../openapi/submission-events.docs';
import { SubmissionEventsService } from './submission-events.service';
import { SubmissionsService } from './submissions.service';

@ApiTags('Submissions')
@Controller('submissions')
export class SubmissionsController {
  constructor(
    private readonly submissions: SubmissionsService,
    private readonly events$: SubmissionEventsService,
  ) {}

  /** Queues a submission. An `Idempotency-Key` header makes retries of the same request return the first one. */
  @Post()
  @HttpCode(202)
  @Access('user', 'submit')
  @ApiOperation({
    summary: 'Submit',
    description:
      'Stores the submission and queues it for judging; follow it with GET /submissions/{id}/events or poll ' +
      'GET /submissions/{id}. Limited to 30 submissions a minute per user (BASTION_SUBMIT_LIMIT_PER_MIN); admins are exempt.',
  })
  @ApiHeader({
    name: 'idempotency-key',
    required: false,
    description: '1-200 visible ASCII characters; a repeated key returns the first submission made with it',
    example: 'lms-attempt-8121',
  })
  @ApiOk(202, ref('SubmissionQueued'), 'Queued')
  @ApiErrors(
    ...JSON_BODY_ERRORS,
    'BAD_IDEMPOTENCY_KEY',
    'PROBLEM_NOT_FOUND',
    'SOURCE_TOO_LARGE',
    'CALLBACK_URL_REFUSED',
    'RATE_LIMITED',
  )
  create(
    @Body() dto: CreateSubmissionDto,
    @CurrentUser() me: Principal,
    @Headers('idempotency-key') idempotencyKey?: string,
  ) {
    return this.submissions.create(me, dto, idempotencyKey);
  }

  /** Up to 100 submissions at once; each item answers with its id or its own error. */
  @Post('batch')
  @HttpCode(202)
  @Access('user', 'submit')
  @ApiOperation({
    summary: 'Submit a batch',
    description:
      'Up to 100 submissions at once, each queued as by POST /submissions; an item that fails answers with its own ' +
      'error (code and message) and the others go on. Each counts against the submission rate limit.',
  })
  @ApiOk(202, ref('SubmissionBatchResult'), 'One item per submission, in order')
  @ApiErrors(...JSON_BODY_ERRORS)
  async batch(@Body() dto: CreateBatchDto, @CurrentUser() me: Principal) {
    const items = [];
    for (const [index, s] of dto.submissions.entries()) {
      try {
        items.push({ index, ...(await this.submissions.create(me, s)) });
      } catch (e) {
        if (!(e instanceof ApiError)) throw e;
        items.push({ index, error: { code: e.code, message: e.message } });
      }
    }
    return { items };
  }

  @Get()
  @Access('user')
  @ApiOperation({
    summary: 'List submissions',
    description:
      'Newest first, a page at a time. Students see their own; instructors theirs and those to problems they ' +
      'author; admins all.',
  })
  @ApiOk(200, ref('SubmissionList'), 'A page')
  @ApiErrors(['VALIDATION_FAILED', 'limit must not be greater than 100'])
  list(@Query() q: ListSubmissionsQuery, @CurrentUser() me: Principal) {
    return this.submissions.list(me, q);
  }

  @Get(':id')
  @Access('user')
  @ApiOperation({
    summary: 'Read a submission',
    description:
      'Its status, verdict, score, every test, the compiler output and the security outcome with CWE findings. ' +
      "Students see the checker's message for sample tests only. Visible to its author, the problem's author and admins.",
  })
  @ApiPath(['id', 'submissionId'])
  @ApiOk(200, ref('Submission'), 'The submission', {
    vulnerable: { summary: 'Works, but vulnerable (not accepted)', value: SUBMISSION_EXAMPLE },
    scoring: { summary: 'A scoring problem: test groups, partial score', value: SCORING_SUBMISSION_EXAMPLE },
  })
  @ApiErrors('SUBMISSION_NOT_FOUND')
  get(@Param('id') id: string, @CurrentUser() me: Principal) {
    return this.submissions.get(me, id);
  }

  /**
   * Server-sent events: `status` and `test` events while judging, then `result` with the full
   * submission. The first event is the current state, so a late listener misses nothing.
   */
  @Sse(':id/events')
  @Access('user')
  @ApiOperation({ summary: 'Follow a submission (server-sent events)', description: SSE_DESCRIPTION })
  @ApiPath(['id', 'submissionId'])
  @ApiContent(200, 'text/event-stream', { type: 'string' }, 'The event stream; it ends after `result`', SSE_EXAMPLE)
  @ApiErrors('SUBMISSION_NOT_FOUND')
  async events(@Param('id') id: string, @CurrentUser() me: Principal): Promise<Observable<MessageEvent>> {
    const first = await this.submissions.get(me, id); // 404 before the stream starts
    const finished = (s: { status: string }) => s.status === 'done' || s.status === 'failed';
    const result = () =>
      defer(() => from(this.submissions.get(me, id))).pipe(map((data) => ({ type: 'result', data })));
    if (finished(first)) return from([{ type: 'result', data: first }]);
    const live = this.events$.events(id).pipe(
      takeWhile((e) => e.type !== 'done', true),
      switchMap((e) => (e.type === 'done' ? result() : from([{ type: e.type, data: e }]))),
    );
    // Anything that finished between the first read and the subscription is caught by a second
    // read: of its status only (one indexed row), the full view once it has finished.
    const catchUp = defer(() => from(this.submissions.statusOf(id))).pipe(
      switchMap((status) => (status !== null && finished({ status }) ? result() : EMPTY)),
    );
    const keepAlive = interval(15_000).pipe(map(() => ({ type: 'ping', data: {} })));
    const stream = concat(from([{ type: 'snapshot', data: first }]), merge(live, catchUp));
    return merge(stream, keepAlive).pipe(takeWhile((e) => e.type !== 'result', true));
  }

  @Get(':id/webhooks')
  @Access('user')
  @ApiOperation({
    summary: 'Webhook deliveries',
    description: "The submission's callback URL and every attempt to POST its result there.",
  })
  @ApiPath(['id', 'submissionId'])
  @ApiOk(200, ref('WebhookDeliveries'), 'Oldest attempt first')
  @ApiErrors('SUBMISSION_NOT_FOUND')
  webhooks(@Param('id') id: string, @CurrentUser() me: Principal) {
    return this.submissions.webhooks(me, id);
  }

  @Get(':id/sarif')
  @Access('user')
  @Header('content-type', 'application/sarif+json')
  @ApiOperation({
    summary: 'Findings as SARIF 2.1.0',
    description: "The submission's security findings for any SARIF viewer or GitHub code scanning.",
  })
  @ApiPath(['id', 'submissionId'])
  @ApiContent(200, 'application/sarif+json', ref('Sarif'), 'The SARIF log (empty results when nothing was found)')
  @ApiErrors('SUBMISSION_NOT_FOUND')
  sarif(@Param('id') id: string, @CurrentUser() me: Principal) {
    return this.submissions.sarif(me, id);
  }

  @Get(':id/source')
  @Access('user')
  @ApiOperation({ summary: 'Read the submitted source' })
  @ApiPath(['id', 'submissionId'])
  @ApiOk(200, ref('SubmissionSource'), 'The code as submitted')
  @ApiErrors('SUBMISSION_NOT_FOUND')
  source(@Param('id') id: string, @CurrentUser() me: Principal) {
    return this.submissions.source(me, id);
  }
}
