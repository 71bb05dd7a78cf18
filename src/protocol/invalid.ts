/** A wrong argument: a `TypeError` whose `field` names the offending path. */
export type FieldError = TypeError & { field: string };

export function invalid(field: string, problem: string): FieldError {
  const error = new TypeError(`exponea: \`${field}\` ${problem}`) as FieldError;
  error.field = field;
  return error;
}
