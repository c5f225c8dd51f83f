import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsEmail,
  IsIn,
  IsInt,
  IsISO8601,
  IsNumber,
  IsOptional,
  IsString,
  Length,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { COURSE_ROLES, type CourseRole } from '@bastion/db';

export class CreateCourseDto {
  @ApiProperty({ minLength: 1, maxLength: 200, description: "The course's name", example: 'Secure Coding Lab' })
  @IsString()
  @Length(1, 200)
  name: string;

  @ApiPropertyOptional({ maxLength: 100, description: 'The term it runs in', example: '2027 Spring' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  term?: string;

  @ApiPropertyOptional({
    maxLength: 64,
    description: 'IANA time zone the course runs in (default UTC); deadlines are shown in it',
    example: 'Asia/Seoul',
  })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  timeZone?: string;
}

export class UpdateCourseDto extends CreateCourseDto {
  @ApiPropertyOptional({ minLength: 1, maxLength: 200, description: "The course's name", example: 'Secure Coding Lab' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  declare name: string;

  @ApiPropertyOptional({
    description: 'true: a new enrolment code (the old one stops working); false: joining by code off',
    example: true,
  })
  @IsOptional()
  @IsBoolean()
  enrolmentCode?: boolean;
}

export class JoinCourseDto {
  @ApiProperty({ minLength: 1, maxLength: 32, description: 'The code the instructor gave out', example: 'K7QX-92MD' })
  @IsString()
  @Length(1, 32)
  code: string;
}

export class AddMemberDto {
  @ApiProperty({ format: 'email', example: 'kim@example.edu' })
  @IsEmail({}, { message: 'email must be an email address' })
  @MaxLength(320)
  email: string;

  @ApiProperty({ enum: COURSE_ROLES, example: 'assistant' })
  @IsIn(COURSE_ROLES, { message: `role must be one of: ${COURSE_ROLES.join(', ')}` })
  role: CourseRole;
}

export class LatePolicyDto {
  @ApiProperty({ enum: ['day', 'hour'], description: 'The penalty is charged per started day or hour' })
  @IsIn(['day', 'hour'], { message: 'latePolicy.per must be day or hour' })
  per: 'day' | 'hour';

  @ApiProperty({ minimum: 0, maximum: 100, description: 'Percent of the score taken per unit', example: 10 })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(100)
  penaltyPercent: number;

  @ApiPropertyOptional({
    format: 'date-time',
    nullable: true,
    description: 'Nothing counts after this instant (after the deadline); null or absent: no cutoff',
    example: '2027-03-12T14:59:59Z',
  })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'latePolicy.cutoffAt must be an ISO 8601 date and time' })
  cutoffAt?: string | null;
}

export class AssignmentProblemDto {
  @ApiProperty({ minLength: 1, maxLength: 100, description: "The problem's slug", example: 'greeting' })
  @IsString()
  @Length(1, 100)
  problem: string;

  @ApiProperty({ minimum: 0, maximum: 10000, example: 10 })
  @IsInt()
  @Min(0)
  @Max(10000)
  points: number;
}

export class CreateAssignmentDto {
  @ApiProperty({
    minLength: 1,
    maxLength: 200,
    description: 'What students see it as',
    example: 'Lab 3: input handling',
  })
  @IsString()
  @Length(1, 200)
  title: string;

  @ApiPropertyOptional({
    maxLength: 20000,
    description: 'Instructions (Markdown)',
    example: 'Read every line; trust none of it.',
  })
  @IsOptional()
  @IsString()
  @MaxLength(20000)
  description?: string;

  @ApiProperty({ format: 'date-time', example: '2027-03-02T00:00:00+09:00' })
  @IsISO8601({ strict: true }, { message: 'opensAt must be an ISO 8601 date and time' })
  opensAt: string;

  @ApiProperty({ format: 'date-time', description: 'The deadline (inclusive)', example: '2027-03-09T23:59:59+09:00' })
  @IsISO8601({ strict: true }, { message: 'closesAt must be an ISO 8601 date and time' })
  closesAt: string;

  @ApiPropertyOptional({
    type: () => LatePolicyDto,
    nullable: true,
    description: 'Absent or null: nothing counts after the deadline',
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => LatePolicyDto)
  latePolicy?: LatePolicyDto | null;

  @ApiPropertyOptional({
    minimum: 1,
    maximum: 1000,
    nullable: true,
    description: 'Graded submissions per student and problem',
    example: 5,
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(1000)
  maxAttempts?: number | null;

  @ApiPropertyOptional({
    enum: ['best', 'last'],
    description: 'Which submission counts (default best)',
    example: 'best',
  })
  @IsOptional()
  @IsIn(['best', 'last'], { message: 'counting must be best or last' })
  counting?: 'best' | 'last';

  @ApiPropertyOptional({
    description: 'After the last instant that counts, judge submissions as practice instead of refusing them',
    example: true,
  })
  @IsOptional()
  @IsBoolean()
  practiceAfterCutoff?: boolean;

  @ApiPropertyOptional({
    enum: ['off', 'hidden', 'shown'],
    description: 'A scoreboard: none, staff only, or shown to students',
    example: 'hidden',
  })
  @IsOptional()
  @IsIn(['off', 'hidden', 'shown'], { message: 'scoreboard must be off, hidden or shown' })
  scoreboard?: 'off' | 'hidden' | 'shown';

  @ApiProperty({
    type: () => [AssignmentProblemDto],
    minItems: 1,
    maxItems: 50,
    description: 'The problems in order, each with its points',
    example: [{ problem: 'greeting', points: 10 }],
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => AssignmentProblemDto)
  problems: AssignmentProblemDto[];
}

export class UpdateAssignmentDto {
  @ApiPropertyOptional({ format: 'date-time', description: 'A new opening', example: '2027-03-02T00:00:00+09:00' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'opensAt must be an ISO 8601 date and time' })
  opensAt?: string;

  @ApiPropertyOptional({
    format: 'date-time',
    description: 'A new deadline (an extension applies to what was already submitted)',
    example: '2027-03-10T23:59:59+09:00',
  })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'closesAt must be an ISO 8601 date and time' })
  closesAt?: string;

  @ApiPropertyOptional({ type: () => LatePolicyDto, nullable: true, description: 'A new late policy; null: none' })
  @IsOptional()
  @ValidateNested()
  @Type(() => LatePolicyDto)
  latePolicy?: LatePolicyDto | null;

  @ApiPropertyOptional({
    enum: ['off', 'hidden', 'shown'],
    description: 'shown: students see the scoreboard',
    example: 'shown',
  })
  @IsOptional()
  @IsIn(['off', 'hidden', 'shown'], { message: 'scoreboard must be off, hidden or shown' })
  scoreboard?: 'off' | 'hidden' | 'shown';

  @ApiPropertyOptional({ enum: ['best', 'last'], description: 'Which submission counts', example: 'last' })
  @IsOptional()
  @IsIn(['best', 'last'], { message: 'counting must be best or last' })
  counting?: 'best' | 'last';
}
