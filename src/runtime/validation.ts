// Glue between the validators compiled ahead of time (generated/<service>/validators.js) and
// the errors the client throws: Ajv's error objects become `path: rule (message)` issues.
import { HuaweiCloudError, type ErrorContext, type ValidationIssue } from './errors.js';

export interface AjvError {
  instancePath: string;
  keyword: string;
  message?: string;
  params: Record<string, unknown>;
}

/** The shape of an Ajv standalone validator. */
export type ValidateFunction = ((data: unknown) => boolean) & { errors?: AjvError[] | null };

/** Runs a validator; returns the issues (empty when valid). */
export function validate(fn: ValidateFunction, data: unknown): ValidationIssue[] {
  if (fn(data)) return [];
  // `if` only reports that a `then` failed, whose own errors are listed too.
  const errors = (fn.errors ?? []).filter((error, _i, all) => error.keyword !== 'if' || all.length === 1);
  return errors.map((error) => toIssue(error, data));
}

function toIssue(error: AjvError, data: unknown): ValidationIssue {
  let path = pointerToPath(error.instancePath, data);
  const { missingProperty, additionalProperty } = error.params as Record<string, string | undefined>;
  if (error.keyword === 'required' && missingProperty) path = join(path, missingProperty);
  if (error.keyword === 'additionalProperties' && additionalProperty) path = join(path, additionalProperty);
  let message = error.message ?? error.keyword;
  if (Array.isArray(error.params['allowedValues'])) message += `: ${(error.params['allowedValues'] as unknown[]).join(', ')}`;
  if (error.keyword === 'additionalProperties') message = 'is not a documented field';
  return { path: path || '(root)', rule: error.keyword, message };
}

/** `/body/ports/0/client_port` -> `body.ports[0].client_port` (`labels.2` for an object key "2"). */
function pointerToPath(pointer: string, data: unknown): string {
  let path = '';
  let node = data;
  for (const raw of pointer.split('/').slice(1)) {
    const segment = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    path = Array.isArray(node) ? `${path}[${segment}]` : join(path, segment);
    node = node !== null && typeof node === 'object' ? (node as Record<string, unknown>)[segment] : undefined;
  }
  return path;
}

function join(base: string, segment: string): string {
  return base ? `${base}.${segment}` : segment;
}

export class ResponseValidationError extends HuaweiCloudError {
  override name = 'ResponseValidationError';
  declare readonly operationId: string;
  readonly status: number;
  readonly issues: ValidationIssue[];

  constructor(operationId: string, status: number, issues: ValidationIssue[], context: ErrorContext = {}) {
    super(`Response ${status} of ${operationId} breaks the spec: ${issues.map((i) => `${i.path}: ${i.rule} (${i.message})`).join('; ')}`, { ...context, operationId });
    this.status = status;
    this.issues = issues;
  }
}
