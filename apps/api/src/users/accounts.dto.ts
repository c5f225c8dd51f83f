import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Length, Max, MaxLength, Min } from 'class-validator';
import { ROLES, type Role } from '@bastion/contracts';

export const ACCOUNT_STATUSES = ['active', 'disabled'] as const;

export class ListAccountsQuery {
  @ApiPropertyOptional({ maxLength: 320, description: 'Part of the email, any case', example: 'kim@' })
  @IsOptional()
  @IsString()
  @MaxLength(320)
  email?: string;

  @ApiPropertyOptional({ enum: ROLES, description: 'Only this role', example: 'student' })
  @IsOptional()
  @IsIn(ROLES)
  role?: Role;

  @ApiPropertyOptional({ enum: ACCOUNT_STATUSES, description: 'Only active or only disabled accounts' })
  @IsOptional()
  @IsIn(ACCOUNT_STATUSES)
  status?: (typeof ACCOUNT_STATUSES)[number];

  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 100, default: 50, example: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit: number = 50;

  @ApiPropertyOptional({ type: 'integer', minimum: 0, default: 0, example: 0 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  offset: number = 0;
}

export class ResetPasswordDto {
  @ApiPropertyOptional({
    minLength: 8,
    maxLength: 200,
    description: 'The new password; leave it out to have one generated and returned once',
    example: 'correct horse battery',
  })
  @IsOptional()
  @IsString()
  @Length(8, 200)
  password?: string;
}
