/**
 * Exact type equality for the type-level tests: an assignment passes for `any` and for wider types, so
 * what a method returns is pinned with {@linkcode Equal} (`any` is equal to nothing but `any`).
 *
 * @module
 */

/** `true` when `A` and `B` are the same type, `false` otherwise (including when one is `any`). */
export type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends (<T>() => T extends B ? 1 : 2) ? true
  : false;

/** Compiles only when its type argument is `true`: `expectType<Equal<typeof x, string>>()`. */
export function expectType<T extends true>(): T | void {}
