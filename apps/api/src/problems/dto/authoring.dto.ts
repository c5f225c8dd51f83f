import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional, PartialType, type ApiPropertyOptions } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsNumber,
  IsObject,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import type { TestKind } from '@bastion/db';
import { AUTHORING_BODY_LIMIT, AUTHORING_LIMITS as L } from '../authoring.limits';
import { BUILTIN_CHECKERS, TEST_KINDS } from '../authoring.rules';

const SLUG = /^[a-z0-9][a-z0-9-]{0,99}$/;
const FORBIDDEN_LINE = /^(?=[^\r\n]*\S)[^\r\n\0]*$/;
/** PostgreSQL text cannot hold NUL. */
const TEXT = /^[^\0]*$/;
const noNul = (what: string) => ({ message: `${what} must not contain NUL characters` });

/** An absolute or relative tolerance of the float checker. */
const FloatTolerance = () =>
  applyDecorators(
    ApiPropertyOptional({
      minimum: 0,
      maximum: 1e9,
      description: 'float only (required there; 0 turns it off)',
      example: 1e-6,
    }),
    IsOptional(),
    IsNumber({ allowNaN: false, allowInfinity: false }),
    Min(0),
    Max(1e9),
  );

/** A built-in checker; custom (Kattis) validators arrive only with a package import. */
export class CheckerDto {
  @ApiProperty({ enum: BUILTIN_CHECKERS, description: 'How output is compared with the answer', example: 'float' })
  @IsIn(BUILTIN_CHECKERS, {
    message: `type must be one of ${BUILTIN_CHECKERS.join(', ')}; a custom validator comes with a package import`,
  })
  type: (typeof BUILTIN_CHECKERS)[number];

  @FloatTolerance()
  absTol?: number;

  @FloatTolerance()
  relTol?: number;
}

const names = { type: 'array', items: { type: 'string' } } as const;
/** The policy keys securityPolicy() accepts; laid over the current policy, checked there (400 BAD_SECURITY_POLICY). */
const SECURITY_DOC: ApiPropertyOptions = {
  type: 'object',
  description: 'A security policy, laid key by key over the current one (the default on create)',
  properties: {
    weight: { type: 'number', minimum: 0, maximum: 1, description: 'Share of the score that security carries' },
    static: { type: 'boolean', description: 'Run the static analyzers' },
    sanitizers: { type: 'boolean', description: 'Rebuild C/C++ with ASan + UBSan and replay the tests' },
    bannedApis: { ...names, description: 'Functions whose call is a high-severity finding' },
    disabledRules: { ...names, description: 'Rule ids to leave out' },
    rules: { type: 'object', properties: { disable: names }, description: "bastion.yaml's spelling of disabledRules" },
    failOn: { type: 'string', enum: ['none', 'low', 'medium', 'high', 'critical'] },
  },
  example: { weight: 0.4, bannedApis: ['system'], failOn: 'high' },
};

class ProblemFieldsDto {
  @ApiPropertyOptional({
    maxLength: L.statementChars,
    description: 'Markdown; no NUL characters',
    example: '# Greeting\n\nRead a name and print `Hello, <name>!`.\n',
  })
  @IsOptional()
  @IsString()
  @MaxLength(L.statementChars)
  @Matches(TEXT, noNul('statement'))
  statement?: string;

  @ApiPropertyOptional({
    type: () => CheckerDto,
    description: 'Default: tokens. A custom validator stays until a built-in one is sent',
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => CheckerDto)
  checker?: CheckerDto;

  /** A security policy: weight, static, sanitizers, bannedApis, disabledRules (or rules.disable), failOn. */
  @ApiPropertyOptional(SECURITY_DOC)
  @IsOptional()
  @IsObject()
  security?: Record<string, unknown>;
}

/**
 * One test of the form; input and answer are UTF-8 text, each at most AUTHORING_LIMITS.testFileBytes
 * (checked in bytes by the service: 413 TEST_TOO_LARGE; MaxLength only bounds parsing). `answer` may be
 * left out (or null) for an attack test: then only a crash or forbidden output fails it.
 */
export class TestCaseDto {
  @ApiProperty({
    minLength: 1,
    maxLength: 200,
    description:
      'Letters, digits, ".", "_", "-" with "/" between folders; stored as `<kind>/<name>`, unique per problem',
    example: 'long-name',
  })
  @IsString()
  @Length(1, 200)
  name: string;

  @ApiProperty({
    enum: TEST_KINDS,
    description: 'sample tests are shown to students; attack tests probe for weaknesses',
    example: 'attack',
  })
  @IsIn(TEST_KINDS, { message: `kind must be one of ${TEST_KINDS.join(', ')}` })
  kind: TestKind;

  @ApiProperty({
    description: 'UTF-8 text, at most 8 MiB (413 TEST_TOO_LARGE)',
    example: 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\n',
  })
  @IsString()
  @MaxLength(AUTHORING_BODY_LIMIT)
  input: string;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    description:
      'UTF-8 text, at most 8 MiB; left out or null only for an attack test (then only a crash or forbidden output fails it)',
    example: 'Hello, AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA!\n',
  })
  @IsOptional()
  @IsString()
  @MaxLength(AUTHORING_BODY_LIMIT)
  answer?: string | null;

  @ApiPropertyOptional({ type: 'integer', minimum: 0, maximum: L.pointsPerTest, description: 'Default 1', example: 1 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(L.pointsPerTest)
  points?: number;

  /** Strings that must never appear in the output (attack tests only), one line each. */
  @ApiPropertyOptional({
    type: [String],
    maxItems: L.forbiddenStrings,
    description:
      'Attack tests only: output lines that must never appear (each one non-blank line, at most 1000 characters)',
    example: ['PWN42ED'],
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(L.forbiddenStrings)
  @IsString({ each: true })
  @Length(1, L.forbiddenChars, { each: true })
  @Matches(FORBIDDEN_LINE, { each: true, message: 'each forbidden string must be one non-blank line without NUL' })
  forbidden?: string[];
}

/** PUT of a test: every field optional; a given field replaces the stored one (`answer: null`: no answer). */
export class UpdateTestCaseDto extends PartialType(TestCaseDto) {}

export class CreateProblemDto extends ProblemFieldsDto {
  @ApiProperty({
    pattern: '^[a-z0-9][a-z0-9-]{0,99}$',
    description: 'Unique; 409 PROBLEM_EXISTS when taken',
    example: 'greeting',
  })
  @IsString()
  @Matches(SLUG, {
    message: 'slug must be 1-100 lowercase letters, digits and dashes, starting with a letter or digit',
  })
  slug: string;

  @ApiProperty({
    minLength: 1,
    maxLength: L.nameChars,
    description: 'Not blank; no NUL characters',
    example: 'Greeting',
  })
  @IsString()
  @Length(1, L.nameChars)
  @Matches(/\S/, { message: 'name must not be blank' })
  @Matches(TEXT, noNul('name'))
  name: string;

  @ApiProperty({
    type: 'integer',
    minimum: L.timeLimitMs.min,
    maximum: L.timeLimitMs.max,
    description: 'CPU time per test; scaled per language',
    example: 1000,
  })
  @IsInt()
  @Min(L.timeLimitMs.min)
  @Max(L.timeLimitMs.max)
  timeLimitMs: number;

  @ApiProperty({ type: 'integer', minimum: L.memoryLimitMb.min, maximum: L.memoryLimitMb.max, example: 256 })
  @IsInt()
  @Min(L.memoryLimitMb.min)
  @Max(L.memoryLimitMb.max)
  memoryLimitMb: number;

  @ApiPropertyOptional({
    type: 'integer',
    minimum: L.outputLimitBytes.min,
    description: 'At most BASTION_OUTPUT_LIMIT_BYTES (400 BAD_LIMIT); default the smaller of 8 MiB and that',
    example: 65536,
  })
  @IsOptional()
  @IsInt()
  @Min(L.outputLimitBytes.min)
  outputLimitBytes?: number;

  @ApiPropertyOptional({
    type: () => [TestCaseDto],
    maxItems: L.testsPerProblem,
    description: 'The tests, in run order',
    example: [
      { name: '1', kind: 'sample', input: 'Ada\n', answer: 'Hello, Ada!\n' },
      { name: 'long-name', kind: 'attack', input: `${'A'.repeat(60)}\n`, forbidden: ['PWN42ED'] },
    ],
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(L.testsPerProblem)
  @ValidateNested({ each: true })
  @Type(() => TestCaseDto)
  tests?: TestCaseDto[];
}

export class UpdateProblemDto extends ProblemFieldsDto {
  @ApiPropertyOptional({
    minLength: 1,
    maxLength: L.nameChars,
    description: 'Not blank; no NUL characters',
    example: 'Greeting',
  })
  @IsOptional()
  @IsString()
  @Length(1, L.nameChars)
  @Matches(/\S/, { message: 'name must not be blank' })
  @Matches(TEXT, noNul('name'))
  name?: string;

  @ApiPropertyOptional({
    type: 'integer',
    minimum: L.timeLimitMs.min,
    maximum: L.timeLimitMs.max,
    description: 'Marks the time limit as edited',
    example: 2000,
  })
  @IsOptional()
  @IsInt()
  @Min(L.timeLimitMs.min)
  @Max(L.timeLimitMs.max)
  timeLimitMs?: number;

  @ApiPropertyOptional({ type: 'integer', minimum: L.memoryLimitMb.min, maximum: L.memoryLimitMb.max, example: 512 })
  @IsOptional()
  @IsInt()
  @Min(L.memoryLimitMb.min)
  @Max(L.memoryLimitMb.max)
  memoryLimitMb?: number;

  @ApiPropertyOptional({
    type: 'integer',
    minimum: L.outputLimitBytes.min,
    description: 'At most BASTION_OUTPUT_LIMIT_BYTES',
    example: 65536,
  })
  @IsOptional()
  @IsInt()
  @Min(L.outputLimitBytes.min)
  outputLimitBytes?: number;
}
