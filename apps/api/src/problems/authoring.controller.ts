import { Body, Controller, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { Access, CurrentUser, Principal } from '../common/access.decorator';
import { AuthoringService } from './authoring.service';
import { CreateProblemDto, UpdateProblemDto } from './dto/authoring.dto';

/** Problems written in a form (a draft owned by its author), edited, and their security overview. */
@Controller('problems')
export class AuthoringController {
  constructor(private readonly authoring: AuthoringService) {}

  @Post()
  @HttpCode(201)
  @Access(['admin', 'instructor'])
  create(@Body() dto: CreateProblemDto, @CurrentUser() me: Principal) {
    return this.authoring.create(me, dto);
  }

  @Patch(':slug')
  @Access(['admin', 'instructor'])
  update(@Param('slug') slug: string, @Body() dto: UpdateProblemDto, @CurrentUser() me: Principal) {
    return this.authoring.update(me, slug, dto);
  }

  /** Which CWEs the problem's students wrote, how many of them, and how many fixed it later. */
  @Get(':slug/security-overview')
  @Access(['admin', 'instructor'])
  securityOverview(@Param('slug') slug: string, @CurrentUser() me: Principal) {
    return this.authoring.securityOverview(me, slug);
  }
}
