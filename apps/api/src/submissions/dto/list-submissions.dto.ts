import { Type } from 'class-transformer';
import { IsIn, IsInt, IsISO8601, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { VERDICTS, type Verdict } from '@bastion/contracts';

export class ListSubmissionsQuery {
  @IsOptional() @IsString() @MaxLength(100) problem?: string;
  /** A user's id or email. */
  @IsOptional() @IsString() @MaxLength(320) user?: string;
  @IsOptional() @IsIn(VERDICTS) verdict?: Verdict;
  @IsOptional() @IsISO8601() since?: string;
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100) limit: number = 20;
  @IsOptional() @Type(() => Number) @IsInt() @Min(0) offset: number = 0;
}
