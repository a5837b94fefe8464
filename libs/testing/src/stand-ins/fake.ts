/**
 * Hands a fake to code that wants the real collaborator: the code under test only calls what the fake
 * has, and a missing method fails the test loudly. (A class with a private member accepts only its own
 * instances; its public face is what a fake must show.)
 */
export const as = <T>(fake: Partial<T>): T => fake as T;

/** The public face of a class, which an in-memory stand-in (a repository kept in memory) must show whole. */
export type Public<T> = { [K in keyof T]: T[K] };
