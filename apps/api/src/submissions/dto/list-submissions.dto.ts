import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { VERDICTS, type Verdict } from '@bastion/contracts';
import { IsTimestamp } from '../../common/timestamp';

/** Deeper pages would make PostgreSQL skip that many rows; past it, narrow the query (since, problem, user). */
export const MAX_OFFSET = 1_000_000;

export class ListSubmissionsQuery {
  @ApiPropertyOptional({ maxLength: 100, description: 'A problem slug', example: 'greeting' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  problem?: string;

  /** A user's id or email. */
  @ApiPropertyOptional({ maxLength: 320, description: "A user's id or email", example: 'kim@example.edu' })
  @IsOptional()
  @IsString()
  @MaxLength(320)
  user?: string;

  @ApiPropertyOptional({ enum: VERDICTS, description: 'Overall verdict', example: 'AC' })
  @IsOptional()
  @IsIn(VERDICTS)
  verdict?: Verdict;

  @ApiPropertyOptional({
    format: 'date-time',
    description: 'Submitted at or after: a real date (2020-02-30 is refused), year 1 to 9999',
    example: '2026-11-01T00:00:00Z',
  })
  @IsOptional()
  @IsTimestamp()
  since?: string;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 100, default: 20, example: 20 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit: number = 20;

  @ApiPropertyOptional({ type: 'integer', minimum: 0, maximum: MAX_OFFSET, default: 0, example: 0 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(MAX_OFFSET)
  offset: number = 0;
}
