import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { Access, CurrentUser, Principal } from '../common/access.decorator';
import { CreateRunDto } from './dto/create-run.dto';
import { RunsService } from './runs.service';

@Controller('runs')
export class RunsController {
  constructor(private readonly runs: RunsService) {}

  /** Runs code once on the given stdin and answers when it has finished. */
  @Post()
  @HttpCode(200)
  @Access('user', 'submit')
  run(@Body() dto: CreateRunDto, @CurrentUser() me: Principal) {
    return this.runs.run(me, dto);
  }
}
