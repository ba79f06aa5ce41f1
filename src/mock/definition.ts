// The shape of the per-service mock data the pipeline writes (generated/<service>/mocks.ts).
import type { ValidateFunction } from '../runtime/validation.js';

export interface MockParam {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie' | string;
  /** What the text of the parameter is turned into before validation. */
  type: 'string' | 'integer' | 'number' | 'boolean' | 'array';
  items?: 'string' | 'integer' | 'number' | 'boolean' | 'array';
  /** Arrays: repeated `name=a&name=b` (true) or `name=a,b` (false). */
  explode?: boolean;
}

export interface MockExample {
  name: string;
  /** Index into `MockDefinition.values`. */
  value: number;
}

export interface MockResponse {
  status: string;
  /** Absent when the response has no body. */
  mediaType?: string;
  examples: MockExample[];
  /** Documented response headers with an example value. */
  headers?: Record<string, string>;
  /** Top-level fields the body schema documents; null when it documents none or allows any other by an explicit additionalProperties. */
  fields?: string[] | null;
}

export interface MockCredential {
  in: string;
  name: string;
}

export interface MockOperation {
  operationId: string;
  method: string;
  path: string;
  params: MockParam[];
  /** `validated`: the request validator checks the body (a JSON one). */
  body: { required: boolean; mediaTypes: string[]; validated: boolean } | null;
  /** Alternatives; each lists the credentials that must all be present. Empty: no auth. */
  security: MockCredential[][];
  /** The status answered by default: the lowest 2xx with an example (null: none documented). */
  defaultStatus: string | null;
  responses: MockResponse[];
  /** `x-pagination`: offset style (`offset`, `total`, `in`) or marker style (`marker`, `next`: where the next marker goes). */
  pagination: {
    style: string;
    in?: string;
    items?: string;
    total?: string;
    limit?: string;
    offset?: string;
    marker?: string;
    next?: string;
    maxLimit?: number;
  } | null;
}

/** A collection the stateful mode remembers: created by `create`, read at `item`. */
export interface MockResource {
  collection: string;
  item: string | null;
  idParam: string | null;
  /** Where the id sits in a created resource (`['id']`, `['metadata', 'name']`). */
  idPath: string[];
  create: string;
  list?: string;
  listItems?: string | null;
  /** Top-level fields a list item documents (null: keep all). */
  listItemFields?: string[] | null;
  read?: string;
  replace?: string;
  patch?: string;
  delete?: string;
  /** DELETE on the collection (Kubernetes deletecollection). */
  deleteAll?: string;
  /** The PUT sends the whole object (its body is the create's): fields it leaves out are dropped. */
  replaceWhole?: boolean;
  /** Top-level fields the PUT's request documents (null: none known). */
  replaceFields?: string[] | null;
  /** A batch create: the request and the answer hold the new items in this array field. */
  batchField?: string;
}

export interface MockDefinition {
  service: string;
  operations: MockOperation[];
  resources: MockResource[];
  /** Every example value once; examples refer to them by index. */
  values: unknown[];
  loadValidators: () => Promise<Readonly<Record<string, ValidateFunction>>>;
}
