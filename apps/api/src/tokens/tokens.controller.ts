import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ArrayMinSize, IsArray, IsIn, IsOptional, IsString, IsUrl, Length, MaxLength } from 'class-validator';
import { TOKEN_SCOPES, type TokenScope } from '@bastion/db';
import { Access, CurrentUser, Principal } from '../common/access.decorator';
import { TokensService } from './tokens.service';

class CreateTokenDto {
  @IsString() @Length(1, 100) name: string;
  @IsArray()
  @ArrayMinSize(1)
  @IsIn(TOKEN_SCOPES, { each: true, message: `scopes must be among: ${TOKEN_SCOPES.join(', ')}` })
  scopes: TokenScope[];
  @IsOptional()
  @MaxLength(2000)
  @IsUrl(
    { protocols: ['http', 'https'], require_protocol: true, require_tld: false },
    { message: 'callbackUrl must be an http(s) URL' },
  )
  callbackUrl?: string;
}

@Controller('tokens')
export class TokensController {
  constructor(private readonly tokens: TokensService) {}

  /** Creates an API token for automation; the token is in this response only. */
  @Post()
  @HttpCode(201)
  @Access('user')
  create(@Body() dto: CreateTokenDto, @CurrentUser() me: Principal) {
    return this.tokens.create(me, dto.name, dto.scopes, dto.callbackUrl);
  }

  @Get()
  @Access('user')
  list(@CurrentUser() me: Principal) {
    return this.tokens.list(me);
  }

  @Delete(':id')
  @HttpCode(204)
  @Access('user', 'read')
  async revoke(@Param('id') id: string, @CurrentUser() me: Principal): Promise<void> {
    await this.tokens.revoke(me, id);
  }
}
