import type { ReferenceObject, SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';

export type Schema = SchemaObject | ReferenceObject;
export type Properties = Record<string, Schema>;

/** A reference to one of the document's component schemas. */
export const ref = (name: string): ReferenceObject => ({ $ref: `#/components/schemas/${name}` });

/**
 * An object whose keys are all present (the services always send every key, null when empty) except
 * those named `optional`. Response schemas spread property sets rather than use allOf, so that every
 * schema lists its own keys in full.
 */
export function obj(
  properties: Properties,
  opts: { optional?: string[]; example?: unknown; description?: string; nullable?: boolean } = {},
): SchemaObject {
  return {
    type: 'object',
    ...(opts.description ? { description: opts.description } : {}),
    required: Object.keys(properties).filter((k) => !opts.optional?.includes(k)),
    properties,
    ...(opts.nullable ? { nullable: true } : {}),
    ...(opts.example !== undefined ? { example: opts.example } : {}),
  };
}

export const str = (description?: string, extra: SchemaObject = {}): SchemaObject => ({
  type: 'string',
  ...(description ? { description } : {}),
  ...extra,
});
export const int = (description?: string, extra: SchemaObject = {}): SchemaObject => ({
  type: 'integer',
  ...(description ? { description } : {}),
  ...extra,
});
export const num = (description?: string, extra: SchemaObject = {}): SchemaObject => ({
  type: 'number',
  ...(description ? { description } : {}),
  ...extra,
});
export const bool = (description?: string, extra: SchemaObject = {}): SchemaObject => ({
  type: 'boolean',
  ...(description ? { description } : {}),
  ...extra,
});
export const uuid = (description?: string): SchemaObject => str(description, { format: 'uuid' });
export const dateTime = (description?: string, nullable = false): SchemaObject =>
  str(description, { format: 'date-time', ...(nullable ? { nullable: true } : {}) });
/** An enum; a nullable one lists null among its values, as OpenAPI 3.0.3 asks. */
export const oneOfValues = (values: readonly (string | null)[], description?: string): SchemaObject => ({
  type: 'string',
  enum: [...values],
  ...(values.includes(null) ? { nullable: true } : {}),
  ...(description ? { description } : {}),
});
export const arr = (items: Schema, description?: string, extra: SchemaObject = {}): SchemaObject => ({
  type: 'array',
  items,
  ...(description ? { description } : {}),
  ...extra,
});
