import { Controller, Get } from '@nestjs/common';
import { LANGUAGES } from '@bastion/contracts';
import { Access } from '../common/access.decorator';

@Controller('languages')
export class LanguagesController {
  @Get()
  @Access('user')
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
