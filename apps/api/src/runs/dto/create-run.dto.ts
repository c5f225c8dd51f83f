import { IsIn, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { LANGUAGE_IDS, type LanguageId } from '@bastion/contracts';

export class CreateRunDto {
  @IsIn(LANGUAGE_IDS, { message: `language must be one of: ${LANGUAGE_IDS.join(', ')}` })
  language: LanguageId;

  @IsString()
  @MaxLength(10 * 1024 * 1024)
  @Matches(/\S/, { message: 'source must not be empty' })
  source: string;

  @IsOptional()
  @IsString()
  @MaxLength(10 * 1024 * 1024)
  stdin?: string;
}
