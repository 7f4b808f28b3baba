/**
 * What went wrong, in the backend's words when it answered with an error
 * body (a `ResponseError` carries it as `cause`), e.g. "reason: must say why
 * in at least 10 characters" rather than "Request failed with 400".
 */
export function errorMessage(error: Error): string {
  if (error.name === 'ResponseError') {
    const cause = (error as { cause?: { message?: unknown } | null }).cause;
    if (
      typeof cause === 'object' &&
      cause !== null &&
      typeof cause.message === 'string' &&
      cause.message !== ''
    ) {
      return cause.message;
    }
  }
  return error.message;
}
