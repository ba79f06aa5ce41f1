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

/** Path, query and header parameters side by side, minus the ones the client fills, plus `body`. */
export type OperationInput<Op, Auto extends string = never> = Simplify<
  Omit<Group<Op, 'path'>, Auto> & Group<Op, 'query'> & Group<Op, 'header'> & BodyOf<Op>
>;

type SuccessStatus = 200 | 201 | 202 | 203 | 204 | 206;
type ResponsesOf<Op> = Op extends { responses: infer R } ? R : never;
type JsonOf<R> = R extends { content: { 'application/json': infer B } } ? B : undefined;

/** The JSON body of any documented 2xx response. */
export type OperationOutput<Op> = {
  [S in keyof ResponsesOf<Op> & SuccessStatus]: JsonOf<ResponsesOf<Op>[S]>;
}[keyof ResponsesOf<Op> & SuccessStatus];
