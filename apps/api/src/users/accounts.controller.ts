import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Access, CurrentUser, Principal } from '../common/access.decorator';
import { ApiErrors, JSON_BODY_ERRORS } from '../openapi/errors';
import { ApiOk, ApiPath } from '../openapi/operation';
import { ref } from '../openapi/schema';
import { ListAccountsQuery, ResetPasswordDto } from './accounts.dto';
import { AccountsService } from './accounts.service';

/** Admins manage accounts: who exists, who may sign in, and passwords that were forgotten or leaked. */
@ApiTags('Users')
@Controller('users')
export class AccountsController {
  constructor(private readonly accounts: AccountsService) {}

  @Get()
  @Access(['admin'])
  @ApiOperation({
    summary: 'List accounts',
    description:
      'Every account with its status, by email, a page at a time; filter by part of the email, role, status.',
  })
  @ApiOk(200, ref('AccountList'), 'A page')
  @ApiErrors(['VALIDATION_FAILED', 'limit must not be greater than 100'])
  list(@Query() q: ListAccountsQuery) {
    return this.accounts.list(q);
  }

  @Post(':id/disable')
  @HttpCode(200)
  @Access(['admin'])
  @ApiOperation({
    summary: 'Disable an account',
    description:
      'It can no longer sign in, and its sessions and API tokens are refused from the next request on ' +
      '(401 ACCOUNT_DISABLED). Its data stays. An admin cannot disable their own account.',
  })
  @ApiPath(['id', 'userId'])
  @ApiOk(200, ref('Account'), 'Disabled (or already was)')
  @ApiErrors('USER_NOT_FOUND', 'CANNOT_DISABLE_SELF')
  disable(@Param('id') id: string, @CurrentUser() me: Principal) {
    return this.accounts.disable(me, id);
  }

  @Post(':id/enable')
  @HttpCode(200)
  @Access(['admin'])
  @ApiOperation({
    summary: 'Enable an account',
    description: 'It may sign in again, and its sessions and API tokens that have not expired work again.',
  })
  @ApiPath(['id', 'userId'])
  @ApiOk(200, ref('Account'), 'Enabled (or already was)')
  @ApiErrors('USER_NOT_FOUND')
  enable(@Param('id') id: string) {
    return this.accounts.enable(id);
  }

  @Post(':id/password')
  @HttpCode(200)
  @Access(['admin'])
  @ApiOperation({
    summary: "Reset an account's password",
    description:
      'Sets the given password, or generates one and returns it in this answer only. Every session of the ' +
      'account ends at once; its API tokens keep working (revoke them, or disable the account).',
  })
  @ApiPath(['id', 'userId'])
  @ApiOk(200, ref('AccountPasswordReset'), 'The password is set; `password` is there when it was generated')
  @ApiErrors(...JSON_BODY_ERRORS, 'USER_NOT_FOUND')
  resetPassword(@Param('id') id: string, @Body() dto: ResetPasswordDto) {
    return this.accounts.resetPassword(id, dto.password);
  }
}
