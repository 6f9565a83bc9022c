import { z } from 'zod';

/** The `response_format.json_schema` object of OpenAI's Structured Outputs for a zod schema. */
export interface JsonSchemaFormat {
  name: string;
  strict: true;
  schema: Record<string, unknown>;
}

export function jsonSchemaFormat(name: string, schema: z.ZodType): JsonSchemaFormat {
  const json = z.toJSONSchema(schema, { target: 'draft-7', io: 'output' }) as Record<string, unknown>;
  delete json.$schema;
  return { name, strict: true, schema: json };
}
