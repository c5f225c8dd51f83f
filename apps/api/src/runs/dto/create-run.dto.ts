import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { LANGUAGE_IDS, type LanguageId } from '@bastion/contracts';

export class CreateRunDto {
  @ApiProperty({ enum: LANGUAGE_IDS, description: 'A language id from GET /languages', example: 'python' })
  @IsIn(LANGUAGE_IDS, { message: `language must be one of: ${LANGUAGE_IDS.join(', ')}` })
  language: LanguageId;

  @ApiProperty({
    description: 'The program; not blank, at most BASTION_MAX_SOURCE_BYTES (64 KiB) in UTF-8 (413 SOURCE_TOO_LARGE)',
    example: 'print(input()[::-1])\n',
  })
  @IsString()
  @MaxLength(10 * 1024 * 1024)
  @Matches(/\S/, { message: 'source must not be empty' })
  source: string;

  @ApiPropertyOptional({
    description: 'Standard input; at most BASTION_MAX_STDIN_BYTES (1 MiB) in UTF-8 (413 STDIN_TOO_LARGE)',
    example: 'stressed\n',
  })
  @IsOptional()
  @IsString()
  @MaxLength(10 * 1024 * 1024)
  stdin?: string;
}
