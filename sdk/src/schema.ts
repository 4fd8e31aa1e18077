/** A JSON schema, as ajv takes it. Kept loose on purpose: ajv checks the schema itself at compile time. */
export type JSONSchemaType = { [key: string]: unknown };
