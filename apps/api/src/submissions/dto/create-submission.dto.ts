import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { LANGUAGE_IDS, type LanguageId } from '@bastion/contracts';
import { IsCallbackUrl } from '../../common/callback-url';

export class CreateSubmissionDto {
  @ApiProperty({ minLength: 1, maxLength: 100, description: "The problem's slug", example: 'greeting' })
  @IsString()
  @Length(1, 100)
  problem: string;

  @ApiProperty({ enum: LANGUAGE_IDS, description: 'A language id from GET /languages', example: 'c' })
  @IsIn(LANGUAGE_IDS, { message: `language must be one of: ${LANGUAGE_IDS.join(', ')}` })
  language: LanguageId;

  /** The byte limit is BASTION_MAX_SOURCE_BYTES, checked in the service; this only bounds parsing. */
  @ApiProperty({
    description: 'The program; not blank, at most BASTION_MAX_SOURCE_BYTES (64 KiB) in UTF-8 (413 SOURCE_TOO_LARGE)',
    example:
      '#include <stdio.h>\n#include <string.h>\nint main(void) {\n  char name[64];\n  if (!fgets(name, sizeof name, stdin)) return 1;\n  name[strcspn(name, "\\n")] = 0;\n  printf("Hello, %s!\\n", name);\n}\n',
  })
  @IsString()
  @MaxLength(10 * 1024 * 1024)
  @Matches(/\S/, { message: 'source must not be empty' })
  source: string;

  @ApiPropertyOptional({
    format: 'uuid',
    description:
      'The course assignment it is for (GET /courses/{id}/assignments): graded there, with its deadline and late ' +
      'policy measured at the moment this request is accepted',
    example: 'c41e7f0a-2d3b-4e8f-a1b2-3c4d5e6f7a8b',
  })
  @IsOptional()
  @IsUUID('all', { message: 'assignment must be an assignment id (a UUID)' })
  assignment?: string;

  /** Where the final result is POSTed, signed (X-Bastion-Signature). */
  @ApiPropertyOptional({
    format: 'uri',
    maxLength: 2000,
    description:
      "Where the final result is POSTed, signed with X-Bastion-Signature (default: the API token's callback URL); " +
      'its host must resolve to public addresses only (422 CALLBACK_URL_REFUSED)',
    example: 'https://lms.example.edu/bastion/hook',
  })
  @IsCallbackUrl()
  callbackUrl?: string;
}

export const MAX_BATCH = 100;

export class CreateBatchDto {
  @ApiProperty({
    type: () => [CreateSubmissionDto],
    minItems: 1,
    maxItems: MAX_BATCH,
    description: 'Each one as in POST /submissions',
    example: [
      { problem: 'greeting', language: 'python', source: 'print("Hello, " + input() + "!")\n' },
      { problem: 'greeting', language: 'c', source: 'int main(void) { return 0; }\n' },
    ],
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_BATCH, { message: `a batch holds at most ${MAX_BATCH} submissions` })
  @ValidateNested({ each: true })
  @Type(() => CreateSubmissionDto)
  submissions: CreateSubmissionDto[];
}
