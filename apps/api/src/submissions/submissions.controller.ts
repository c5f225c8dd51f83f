import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { Access, CurrentUser, Principal } from '../common/access.decorator';
import { CreateSubmissionDto } from './dto/create-submission.dto';
import { SubmissionsService } from './submissions.service';

@Controller('submissions')
export class SubmissionsController {
  constructor(private readonly submissions: SubmissionsService) {}

  @Post()
  @HttpCode(202)
  @Access('user')
  create(@Body() dto: CreateSubmissionDto, @CurrentUser() me: Principal) {
    return this.submissions.create(me, dto);
  }

  @Get(':id')
  @Access('user')
  get(@Param('id') id: string, @CurrentUser() me: Principal) {
    return this.submissions.get(me, id);
  }

  @Get(':id/source')
  @Access('user')
  source(@Param('id') id: string, @CurrentUser() me: Principal) {
    return this.submissions.source(me, id);
  }
}
