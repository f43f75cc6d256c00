/**
 * The data fields of a resource class: what its constructor takes and, in declaration order, what
 * `JSON.stringify` emits. Methods are left out; classes with getters omit those by name.
 */
export type Fields<T> = {
  -readonly [K in keyof T as T[K] extends (...args: never[]) => unknown ? never : K]: T[K]
}

/** A JavaScript default parameter's rule, which @clerk/backend's constructors apply: only `undefined` is replaced. */
export function defaulted<T, D>(value: T | undefined, fallback: D): T | D {
  return value === undefined ? fallback : value
}
