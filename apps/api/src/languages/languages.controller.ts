import { Controller, Get } from '@nestjs/common';
import { LANGUAGES } from '@bastion/contracts';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Access } from '../common/access.decorator';
import { ApiOk } from '../openapi/operation';
import { arr, ref } from '../openapi/schema';

@ApiTags('Languages')
@Controller('languages')
export class LanguagesController {
  @Get()
  @Access('user')
  @ApiOperation({
    summary: 'List languages',
    description: 'Ids, versions and the compile and run commands of each judge image.',
  })
  @ApiOk(200, arr(ref('Language')), 'Every language')
  list() {
    return Object.values(LANGUAGES).map((l) => ({
      id: l.id,
      name: l.name,
      version: l.version,
      sourceFile: l.sourceFile,
      compile: l.compile?.join(' ') ?? null,
      run: l.run.join(' '),
      timeFactor: l.timeFactor,
    }));
  }
}
