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
import { concat, defer, EMPTY, from, interval, map, merge, Observable, switchMap, takeWhile } from 'rxjs';
import { Access, CurrentUser, Principal } from '../common/access.decorator';
import { CreateBatchDto, CreateSubmissionDto } from './dto/create-submission.dto';
import { ApiError } from '../common/api-error';
import { ListSubmissionsQuery } from './dto/list-submissions.dto';
import { SubmissionEventsService } from './submission-events.service';
import { SubmissionsService } from './submissions.service';

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
  list(@Query() q: ListSubmissionsQuery, @CurrentUser() me: Principal) {
    return this.submissions.list(me, q);
  }

  @Get(':id')
  @Access('user')
  get(@Param('id') id: string, @CurrentUser() me: Principal) {
    return this.submissions.get(me, id);
  }

  /**
   * Server-sent events: `status` and `test` events while judging, then `result` with the full
   * submission. The first event is the current state, so a late listener misses nothing.
   */
  @Sse(':id/events')
  @Access('user')
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
    // Anything that finished between the first read and the subscription is caught by a second read.
    const catchUp = defer(() => from(this.submissions.get(me, id))).pipe(
      switchMap((s) => (finished(s) ? from([{ type: 'result', data: s }]) : EMPTY)),
    );
    const keepAlive = interval(15_000).pipe(map(() => ({ type: 'ping', data: {} })));
    const stream = concat(from([{ type: 'snapshot', data: first }]), merge(live, catchUp));
    return merge(stream, keepAlive).pipe(takeWhile((e) => e.type !== 'result', true));
  }

  @Get(':id/webhooks')
  @Access('user')
  webhooks(@Param('id') id: string, @CurrentUser() me: Principal) {
    return this.submissions.webhooks(me, id);
  }

  @Get(':id/sarif')
  @Access('user')
  @Header('content-type', 'application/sarif+json')
  sarif(@Param('id') id: string, @CurrentUser() me: Principal) {
    return this.submissions.sarif(me, id);
  }

  @Get(':id/source')
  @Access('user')
  source(@Param('id') id: string, @CurrentUser() me: Principal) {
    return this.submissions.source(me, id);
  }
}
