import type { FieldError, ThemeManifest } from '@switchboard/sdk';
import { themeSchema } from '@switchboard/sdk';
import { compileSchema, describeErrors } from '../validation/ajv.js';

const validate = compileSchema(themeSchema);

/**
 * What each pattern-checked field allows, in words: ajv only knows the regular expression, and a
 * reseller editing theme.json should not have to read one.
 */
const ALLOWED: { field: RegExp; message: string }[] = [
  { field: /^id$/, message: 'must be lower-case letters, digits and single dashes, starting with a letter (such as "northwind")' },
  { field: /^logo$/, message: 'must be a file name in the theme folder ending in .svg, .png or .webp' },
  { field: /^favicon$/, message: 'must be a file name in the theme folder ending in .svg, .png or .ico' },
  { field: /^tokens\.[^.]+$/, message: 'must be a CSS value without ; { } < > or backslash' },
  { field: /^hosts\.\d+$/, message: 'must be a lower-case host name without scheme or port (such as "portal.example.net")' },
  { field: /^support\.phone$/, message: 'must be a phone number: digits, spaces, ( ) . - and an optional leading +' },
  { field: /^support\.url$/, message: 'must be an https:// address' },
  { field: /^support\.email$/, message: 'must be an email address' },
];

function explain(error: FieldError): FieldError {
  if (error.message.startsWith('must match the pattern') || error.message.startsWith('must match format')) {
    const hint = ALLOWED.find((a) => a.field.test(error.field));
    if (hint) return { field: error.field, message: hint.message };
  }
  const fewer = /^must NOT have fewer than (\d+) (characters|items)$/.exec(error.message);
  if (fewer) return { field: error.field, message: fewer[1] === '1' ? 'must not be empty' : `must have at least ${fewer[1]} ${fewer[2]}` };
  const more = /^must NOT have more than (\d+) (characters|items)$/.exec(error.message);
  if (more) return { field: error.field, message: `must have at most ${more[1]} ${more[2]}` };
  if (error.message === 'is not an allowed name' && error.field.startsWith('tokens.')) {
    return { field: error.field, message: 'is not an allowed token name: use lower-case letters, digits and dashes (such as "color-primary")' };
  }
  if (error.message === 'is not an allowed field') {
    const allowed = Object.keys(themeSchema.properties).filter((k) => k !== '$schema');
    const where = error.field.startsWith('support.') ? ['email', 'phone', 'url'] : allowed;
    return { field: error.field, message: `is not an allowed field (allowed: ${where.join(', ')})` };
  }
  return error;
}

/** The theme.json content as a manifest, or an Error naming the file and every bad field. */
export function validateTheme(json: unknown, file: string): ThemeManifest {
  if (validate(json)) return json as ThemeManifest;
  // A bad token name is reported twice by ajv: the inner pattern error (marked with propertyName,
  // and naming only `tokens`) and the propertyNames error naming the token. Keep the second.
  const errors = (validate.errors ?? []).filter((e) => e.keyword === 'propertyNames' || e.propertyName === undefined);
  const fields = describeErrors(errors).map(explain);
  const lines = [...new Set(fields.map((f) => `  - ${f.field || '(the file)'}: ${f.message}`))];
  return fail(`Invalid theme ${file}:\n${lines.join('\n')}`, fields);
}

export class ThemeError extends Error {
  constructor(message: string, readonly fields: FieldError[] = []) {
    super(message);
    this.name = 'ThemeError';
  }
}

function fail(message: string, fields: FieldError[]): never {
  throw new ThemeError(message, fields);
}
