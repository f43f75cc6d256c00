/** The reason a promise that must fail rejected with, typed for assertions; throws if it resolved. */
export async function rejectionOf<E = Error>(promise: Promise<unknown>): Promise<E> {
  try {
    await promise
  } catch (error) {
    return error as E
  }
  throw new Error('expected the promise to reject, but it resolved')
}
