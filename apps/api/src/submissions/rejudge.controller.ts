import { Controller, HttpCode, Param, Post } from '@nestjs/common';
import { Access, CurrentUser, Principal } from '../common/access.decorator';
import { RejudgeService } from './rejudge.service';

/** Judging again after a problem's tests changed: its author or an admin. */
@Controller()
export class RejudgeController {
  constructor(private readonly rejudge: RejudgeService) {}

  @Post('submissions/:id/rejudge')
  @HttpCode(202)
  @Access(['admin', 'instructor'])
  one(@Param('id') id: string, @CurrentUser() me: Principal) {
    return this.rejudge.one(me, id);
  }

  /** Every finished submission of the problem (at most 5000): `{ count, skipped }`. */
  @Post('problems/:slug/rejudge')
  @HttpCode(202)
  @Access(['admin', 'instructor'])
  problem(@Param('slug') slug: string, @CurrentUser() me: Principal) {
    return this.rejudge.problem(me, slug);
  }
}
