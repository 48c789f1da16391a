/**
 * JSON Schema validation of a parsed dataset file (seeds/dataset.schema.json, checked with ajv), with messages
 * that name the fact / reference / source and the field: "fact pan2019-lfs: field percent must be a number".
 */
import type { ErrorObject, ValidateFunction } from 'ajv';
import type { PropertyPath } from './parseDocument';
import { validate as quickValidate } from './datasetSchemaQuickValidator.generated';
import { AJV_OPTIONS, SCHEMA_JSON, validate as precompiledValidate } from './datasetSchemaValidator.generated';

export interface SchemaIssue {
  /** Where in the file: ['facts', 3, 'percent']. */
  path: PropertyPath;
  message: string;
  subject?: { kind: 'fact' | 'reference' | 'source'; id: string };
}

export type DatasetSchemaValidator = (value: unknown) => SchemaIssue[];

/**
 * The bundled schema comes precompiled (scripts/generate-schema-validator.mjs): compiling it with ajv on every start
 * cost ~100 ms. A file is first read by its quick validator, which only says whether it is valid (100,000 facts in
 * half the time); the full one, which lists every problem, reads only files that are not. Any other schema is
 * compiled here, with the same options, loading ajv only then.
 */
export function createSchemaValidator(schema: object): DatasetSchemaValidator {
  const bundled = JSON.stringify(schema) === SCHEMA_JSON;
  const validate = bundled ? (precompiledValidate as ValidateFunction) : compileSchema(schema);
  const isValid = bundled ? (quickValidate as (value: unknown) => boolean) : undefined;
  return (value) => {
    if (isValid?.(value) || validate(value)) return [];
    return describeErrors(value, validate.errors ?? []);
  };
}

function compileSchema(schema: object): ValidateFunction {
  const { default: Ajv } = require('ajv') as typeof import('ajv');
  return new Ajv(AJV_OPTIONS).compile(schema);
}

const COLLECTIONS: Record<string, { kind: 'fact' | 'reference' | 'source'; idField: string }> = {
  facts: { kind: 'fact', idField: 'id' },
  references: { kind: 'reference', idField: 'key' },
  sources: { kind: 'source', idField: 'id' },
};

const PATTERN_WORDS: Record<string, string> = {
  doi: 'must be a DOI such as 10.1038/nm.4441',
  pmid: 'must be a PubMed id (digits only)',
  pmcid: 'must be a PubMed Central id such as PMC5774642',
  key: 'must start with a letter or digit and hold no spaces',
  id: 'must start with a letter or digit and hold no spaces',
};

function describeErrors(root: unknown, errors: ErrorObject[]): SchemaIssue[] {
  // anyOf/oneOf failures come with one error per branch: keep one message per place instead.
  const alternatives = new Set(errors.filter((e) => e.keyword === 'anyOf' || e.keyword === 'oneOf').map((e) => e.schemaPath));
  const issues: SchemaIssue[] = [];
  const seen = new Set<string>();
  for (const error of errors) {
    const insideAlternative = [...alternatives].some((schemaPath) => error.schemaPath !== schemaPath && error.schemaPath.startsWith(`${schemaPath}/`));
    if (insideAlternative) continue;
    const issue = describeError(root, error);
    const dedupeKey = `${issue.path.join('/')}\u0000${issue.message}`;
    if (seen.has(dedupeKey)) continue;
    seen.add(dedupeKey);
    issues.push(issue);
  }
  return issues;
}

function describeError(root: unknown, error: ErrorObject): SchemaIssue {
  const instancePath: PropertyPath = error.instancePath
    .split('/')
    .slice(1)
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((part) => (/^\d+$/.test(part) ? Number(part) : part));
  let path = instancePath;
  let problem: string;
  switch (error.keyword) {
    case 'required': {
      const missing = String((error.params as { missingProperty: string }).missingProperty);
      path = [...instancePath, missing];
      problem = 'is missing';
      break;
    }
    case 'additionalProperties': {
      const extra = String((error.params as { additionalProperty: string }).additionalProperty);
      path = [...instancePath, extra];
      problem = 'is not a known field';
      break;
    }
    case 'dependencies': {
      const params = error.params as { property: string; missingProperty: string };
      path = [...instancePath, params.property];
      problem = `needs ${params.missingProperty} as well`;
      break;
    }
    case 'anyOf':
      problem =
        instancePath[0] === 'facts' && instancePath.length === 2
          ? 'needs a number: count (with total), percent, value, or low and high'
          : 'does not have an accepted form';
      break;
    case 'oneOf':
      problem = 'must be a string or a list of strings';
      break;
    case 'enum':
      problem = `must be one of ${((error.params as { allowedValues: unknown[] }).allowedValues ?? []).map((v) => JSON.stringify(v)).join(', ')}`;
      break;
    case 'pattern': {
      const field = String(instancePath[instancePath.length - 1] ?? '');
      problem = PATTERN_WORDS[field] ?? `must match ${(error.params as { pattern: string }).pattern}`;
      break;
    }
    case 'type':
      problem = `must be ${article((error.params as { type: string }).type)}`;
      break;
    default:
      problem = error.message ?? 'is not valid';
  }
  return { path, ...subjectAndMessage(root, path, problem) };
}

function subjectAndMessage(root: unknown, path: PropertyPath, problem: string): Pick<SchemaIssue, 'message' | 'subject'> {
  const [collectionName, index, ...rest] = path;
  const collection = typeof collectionName === 'string' ? COLLECTIONS[collectionName] : undefined;
  if (!collection || typeof index !== 'number') {
    const where = path.length === 0 ? 'the dataset' : `field ${fieldName(path)}`;
    return { message: `${where} ${problem}` };
  }
  const item = (root as Record<string, unknown[]> | undefined)?.[collectionName as string]?.[index] as Record<string, unknown> | undefined;
  const rawId = item && typeof item === 'object' ? item[collection.idField] : undefined;
  const id = typeof rawId === 'string' && rawId.length > 0 ? rawId : `#${index + 1}`;
  const subject = { kind: collection.kind, id };
  if (rest.length === 0) return { subject, message: `${collection.kind} ${id} ${problem}` };
  return { subject, message: `${collection.kind} ${id}: field ${fieldName(rest)} ${problem}` };
}

function fieldName(path: PropertyPath): string {
  return path.map((part, i) => (typeof part === 'number' ? `[${part}]` : i === 0 ? part : `.${part}`)).join('');
}

function article(type: string): string {
  const words: Record<string, string> = {
    string: 'a string',
    number: 'a number',
    integer: 'a whole number',
    array: 'a list',
    object: 'an object',
    boolean: 'true or false',
  };
  return type
    .split(',')
    .map((t) => words[t] ?? t)
    .join(' or ');
}
