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

/** A built-in checker; custom (Kattis) validators arrive only with a package import. */
export class CheckerDto {
  @IsIn(BUILTIN_CHECKERS, {
    message: `type must be one of ${BUILTIN_CHECKERS.join(', ')}; a custom validator comes with a package import`,
  })
  type: (typeof BUILTIN_CHECKERS)[number];

  @IsOptional() @IsNumber({ allowNaN: false, allowInfinity: false }) @Min(0) @Max(1e9) absTol?: number;
  @IsOptional() @IsNumber({ allowNaN: false, allowInfinity: false }) @Min(0) @Max(1e9) relTol?: number;
}

class ProblemFieldsDto {
  @IsOptional()
  @IsString()
  @MaxLength(L.statementChars)
  @Matches(TEXT, noNul('statement'))
  statement?: string;

  @IsOptional()
  @ValidateNested()
  @Type(() => CheckerDto)
  checker?: CheckerDto;

  /** A security policy: weight, static, sanitizers, bannedApis, disabledRules (or rules.disable), failOn. */
  @IsOptional() @IsObject() security?: Record<string, unknown>;
}

/**
 * One test of the form; input and answer are UTF-8 text, each at most AUTHORING_LIMITS.testFileBytes
 * (checked in bytes by the service: 413 TEST_TOO_LARGE; MaxLength only bounds parsing). `answer` may be
 * left out (or null) for an attack test: then only a crash or forbidden output fails it.
 */
export class TestCaseDto {
  @IsString() @Length(1, 200) name: string;

  @IsIn(TEST_KINDS, { message: `kind must be one of ${TEST_KINDS.join(', ')}` })
  kind: TestKind;

  @IsString() @MaxLength(AUTHORING_BODY_LIMIT) input: string;

  @IsOptional() @IsString() @MaxLength(AUTHORING_BODY_LIMIT) answer?: string | null;

  @IsOptional() @IsInt() @Min(0) @Max(L.pointsPerTest) points?: number;

  /** Strings that must never appear in the output (attack tests only), one line each. */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(L.forbiddenStrings)
  @IsString({ each: true })
  @Length(1, L.forbiddenChars, { each: true })
  @Matches(FORBIDDEN_LINE, { each: true, message: 'each forbidden string must be one non-blank line without NUL' })
  forbidden?: string[];
}

/** PUT of a test: every field optional; a given field replaces the stored one. */
export class UpdateTestCaseDto {
  @IsOptional() @IsString() @Length(1, 200) name?: string;

  @IsOptional()
  @IsIn(TEST_KINDS, { message: `kind must be one of ${TEST_KINDS.join(', ')}` })
  kind?: TestKind;

  @IsOptional() @IsString() @MaxLength(AUTHORING_BODY_LIMIT) input?: string;

  @IsOptional() @IsString() @MaxLength(AUTHORING_BODY_LIMIT) answer?: string | null;

  @IsOptional() @IsInt() @Min(0) @Max(L.pointsPerTest) points?: number;

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(L.forbiddenStrings)
  @IsString({ each: true })
  @Length(1, L.forbiddenChars, { each: true })
  @Matches(FORBIDDEN_LINE, { each: true, message: 'each forbidden string must be one non-blank line without NUL' })
  forbidden?: string[];
}

export class CreateProblemDto extends ProblemFieldsDto {
  @IsString()
  @Matches(SLUG, {
    message: 'slug must be 1-100 lowercase letters, digits and dashes, starting with a letter or digit',
  })
  slug: string;

  @IsString()
  @Length(1, L.nameChars)
  @Matches(/\S/, { message: 'name must not be blank' })
  @Matches(TEXT, noNul('name'))
  name: string;

  @IsInt() @Min(L.timeLimitMs.min) @Max(L.timeLimitMs.max) timeLimitMs: number;

  @IsInt() @Min(L.memoryLimitMb.min) @Max(L.memoryLimitMb.max) memoryLimitMb: number;

  @IsOptional() @IsInt() @Min(L.outputLimitBytes.min) outputLimitBytes?: number;

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(L.testsPerProblem)
  @ValidateNested({ each: true })
  @Type(() => TestCaseDto)
  tests?: TestCaseDto[];
}

export class UpdateProblemDto extends ProblemFieldsDto {
  @IsOptional()
  @IsString()
  @Length(1, L.nameChars)
  @Matches(/\S/, { message: 'name must not be blank' })
  @Matches(TEXT, noNul('name'))
  name?: string;

  @IsOptional() @IsInt() @Min(L.timeLimitMs.min) @Max(L.timeLimitMs.max) timeLimitMs?: number;

  @IsOptional() @IsInt() @Min(L.memoryLimitMb.min) @Max(L.memoryLimitMb.max) memoryLimitMb?: number;

  @IsOptional() @IsInt() @Min(L.outputLimitBytes.min) outputLimitBytes?: number;
}
