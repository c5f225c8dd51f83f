import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsOptional,
  IsString,
  IsUrl,
  Length,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { LANGUAGE_IDS, type LanguageId } from '@bastion/contracts';

export class CreateSubmissionDto {
  @IsString() @Length(1, 100) problem: string;

  @IsIn(LANGUAGE_IDS, { message: `language must be one of: ${LANGUAGE_IDS.join(', ')}` })
  language: LanguageId;

  /** The byte limit is BASTION_MAX_SOURCE_BYTES, checked in the service; this only bounds parsing. */
  @IsString()
  @MaxLength(10 * 1024 * 1024)
  @Matches(/\S/, { message: 'source must not be empty' })
  source: string;

  /** Where the final result is POSTed, signed (X-Bastion-Signature). */
  @IsOptional()
  @MaxLength(2000)
  @IsUrl(
    { protocols: ['http', 'https'], require_protocol: true, require_tld: false },
    { message: 'callbackUrl must be an http(s) URL' },
  )
  callbackUrl?: string;
}

export const MAX_BATCH = 100;

export class CreateBatchDto {
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_BATCH, { message: `a batch holds at most ${MAX_BATCH} submissions` })
  @ValidateNested({ each: true })
  @Type(() => CreateSubmissionDto)
  submissions: CreateSubmissionDto[];
}
