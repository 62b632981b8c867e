import * as v from 'valibot';

/** An integer variable in [min, max]; the message names the variable, never its value. */
export const integer = (name: string, min: number, max: number) =>
  v.pipe(
    v.string(),
    v.regex(/^\d+$/, `${name}: expected an integer from ${min} to ${max}`),
    v.transform(Number),
    v.minValue(min, `${name}: expected an integer from ${min} to ${max}`),
    v.maxValue(max, `${name}: expected an integer from ${min} to ${max}`),
  );
