import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { ArrayMinSize, IsArray, IsIn, IsString, Length } from 'class-validator';
import { TOKEN_SCOPES, type TokenScope } from '@bastion/db';
import { Access, CurrentUser, Principal } from '../common/access.decorator';
import { ApiErrors, JSON_BODY_ERRORS } from '../openapi/errors';
import { ApiNoContent, ApiOk, ApiPath } from '../openapi/operation';
import { arr, ref } from '../openapi/schema';
import { TokensService } from './tokens.service';
import { IsCallbackUrl } from '../common/callback-url';

class CreateTokenDto {
  @ApiProperty({ minLength: 1, maxLength: 100, description: 'What the token is for', example: 'ci' })
  @IsString()
  @Length(1, 100)
  name: string;

  @ApiProperty({
    enum: TOKEN_SCOPES,
    isArray: true,
    minItems: 1,
    description: 'read: GET routes; submit: submissions and runs; author: authoring routes',
    example: ['submit', 'read'],
  })
  @IsArray()
  @ArrayMinSize(1)
  @IsIn(TOKEN_SCOPES, { each: true, message: `scopes must be among: ${TOKEN_SCOPES.join(', ')}` })
  scopes: TokenScope[];

  @ApiPropertyOptional({
    format: 'uri',
    maxLength: 2000,
    description:
      'Where results of submissions made with this token are POSTed (signed), unless a submission names its own; ' +
      'its host must resolve to public addresses only (422 CALLBACK_URL_REFUSED)',
    example: 'https://lms.example.edu/bastion/hook',
  })
  @IsCallbackUrl()
  callbackUrl?: string;
}

@ApiTags('Tokens')
@Controller('tokens')
export class TokensController {
  constructor(private readonly tokens: TokensService) {}

  /** Creates an API token for automation; the token is in this response only. */
  @Post()
  @HttpCode(201)
  @Access('user')
  @ApiOperation({
    summary: 'Create an API token',
    description:
      'The secret is in this answer only; only its hash is kept. An API token cannot create tokens: sign in.',
  })
  @ApiOk(201, ref('NewApiToken'), 'Created; keep `token` now')
  @ApiErrors(...JSON_BODY_ERRORS, ['FORBIDDEN', 'An API token cannot create tokens; sign in'], 'CALLBACK_URL_REFUSED')
  create(@Body() dto: CreateTokenDto, @CurrentUser() me: Principal) {
    return this.tokens.create(me, dto.name, dto.scopes, dto.callbackUrl);
  }

  @Get()
  @Access('user')
  @ApiOperation({
    summary: 'List my API tokens',
    description: 'Tokens not revoked, newest first, without their secrets.',
  })
  @ApiOk(200, arr(ref('ApiToken')), 'My tokens')
  list(@CurrentUser() me: Principal) {
    return this.tokens.list(me);
  }

  @Delete(':id')
  @HttpCode(204)
  @Access('user', 'read')
  @ApiOperation({ summary: 'Revoke an API token', description: 'It stops working at once.' })
  @ApiPath(['id', 'tokenId'])
  @ApiNoContent('Revoked')
  @ApiErrors('TOKEN_NOT_FOUND')
  async revoke(@Param('id') id: string, @CurrentUser() me: Principal): Promise<void> {
    await this.tokens.revoke(me, id);
  }
}
