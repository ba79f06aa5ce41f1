// Type helpers that turn an openapi-typescript operation into the flat input a method takes
// and the success body it returns.

type Present<T> = [NonNullable<T>] extends [never] ? {} : NonNullable<T>;
type ParamsOf<Op> = Op extends { parameters: infer P } ? P : {};
type Group<Op, In extends string> = Present<ParamsOf<Op> extends { [K in In]?: infer G } ? G : never>;
type Simplify<T> = { [K in keyof T]: T[K] } & {};

type BodyOf<Op> = Op extends { requestBody: { content: { 'application/json': infer B } } }
  ? { body: B }
  : Op extends { requestBody?: { content: { 'application/json': infer B } } }
    ? { body?: B }
    : {};

type ContentOf<Op> = Op extends { requestBody?: { content: infer C } } ? C : never;
type WithBody<Op, B> = Op extends { requestBody: {} } ? { body: B } : { body?: B };

/**
 * A body in several media types: one alternative per type, `contentType` naming it (optional for
 * the default one), so the body's type follows the media type chosen.
 */
type MediaBodies<Op, Default> = {
  [K in keyof ContentOf<Op>]: (K extends Default ? { contentType?: K } : { contentType: K }) & WithBody<Op, ContentOf<Op>[K]>;
}[keyof ContentOf<Op>];

/**
 * Path, query and header parameters side by side, minus the ones the client fills, plus `body`
 * (and `contentType` when `Default` names the default of several media types).
 */
export type OperationInput<Op, Auto extends string = never, Default extends string = never> = Simplify<
  Omit<Group<Op, 'path'>, Auto> & Group<Op, 'query'> & Group<Op, 'header'> & ([Default] extends [never] ? BodyOf<Op> : MediaBodies<Op, Default>)
>;

type SuccessStatus = 200 | 201 | 202 | 203 | 204 | 206;
type ResponsesOf<Op> = Op extends { responses: infer R } ? R : never;
type JsonOf<R> = R extends { content: { 'application/json': infer B } } ? B : undefined;

/** The JSON body of any documented 2xx response. */
export type OperationOutput<Op> = {
  [S in keyof ResponsesOf<Op> & SuccessStatus]: JsonOf<ResponsesOf<Op>[S]>;
}[keyof ResponsesOf<Op> & SuccessStatus];
