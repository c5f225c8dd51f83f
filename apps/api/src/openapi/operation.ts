import { applyDecorators } from '@nestjs/common';
import { ApiParam, ApiQuery, ApiResponse } from '@nestjs/swagger';
import type { ExampleObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import type { Schema } from './schema';

type Examples = Record<string, ExampleObject>;

/** A JSON success answer: its schema (usually `ref('Name')`, whose example shows), and more named examples. */
export function ApiOk(status: number, schema: Schema, description: string, examples?: Examples) {
  return ApiResponse({
    status,
    description,
    content: { 'application/json': { schema, ...(examples ? { examples } : {}) } },
  });
}

/** A success answer in another media type (CSV, zip, SARIF, server-sent events, Prometheus text). */
export function ApiContent(status: number, mediaType: string, schema: Schema, description: string, example?: unknown) {
  return ApiResponse({
    status,
    description,
    content: { [mediaType]: { schema, ...(example !== undefined ? { example } : {}) } },
  });
}

export const ApiNoContent = (description: string) => ApiResponse({ status: 204, description });

const PARAMS = {
  slug: { description: "The problem's slug", example: 'greeting' },
  submissionId: { description: "The submission's id", example: '087af0ec-768a-49e1-b4d1-f297b6e71b25' },
  testId: {
    description: "The test's id (from GET /problems/{slug}/tests)",
    example: 'a7b37cdf-d332-42ff-82f9-380535d7833f',
  },
  tokenId: { description: "The token's id (not the secret)", example: '547bc2a8-c191-4f72-bfee-90c699f5041c' },
  userId: { description: "The account's id (from GET /users)", example: '78128c06-8b94-40fc-aa4c-1e5d272fc944' },
  courseId: { description: "The course's id (from GET /courses)", example: '0d2b6a4e-5b1f-4c07-9a3e-2f6c1d9e8a41' },
  assignmentId: {
    description: "The assignment's id (from GET /courses/{id}/assignments)",
    example: 'c41e7f0a-2d3b-4e8f-a1b2-3c4d5e6f7a8b',
  },
} as const;

/** Path parameters with words and an example: `ApiPath('slug')`, `ApiPath(['id', 'submissionId'])`. */
export function ApiPath(...params: (keyof typeof PARAMS | [string, keyof typeof PARAMS])[]) {
  return applyDecorators(
    ...params.map((p) => {
      const [name, kind] = typeof p === 'string' ? [p, p] : p;
      return ApiParam({ name, type: String, ...PARAMS[kind] });
    }),
  );
}

/** `?confirm=true`: makes a change to how a problem is judged while it is in an open assignment. */
export const ApiConfirm = () =>
  ApiQuery({
    name: 'confirm',
    required: false,
    enum: ['true'],
    description:
      'true: make the change even though the problem is in an assignment students are submitting to (409 PROBLEM_IN_OPEN_ASSIGNMENT otherwise); rejudge afterwards',
  });
