import express from 'express';

/**
 * Answers with Backstage's error body (`error`, `request`, `response`) plus
 * `issues`, the problems found, when there are any, and `issueCount`, how
 * many there are in all, when the list may be cut.
 */
export function sendInvalid(
  req: { method: string; originalUrl: string },
  res: { status(code: number): { json(body: unknown): unknown } },
  status: number,
  name: string,
  message: string,
  issues?: unknown[],
  issueCount?: number,
) {
  res.status(status).json({
    error: { name, message },
    request: { method: req.method, url: req.originalUrl },
    response: { statusCode: status },
    ...(issues ? { issues } : {}),
    ...(issueCount !== undefined ? { issueCount } : {}),
  });
}

/** The largest JSON body a route accepts, and the config key that sets it. */
export interface BodyLimit {
  limit: number;
  configKey: string;
  /** What the caller can do instead, e.g. `split the batch`. */
  advice: string;
}

/**
 * Parses JSON bodies up to the limit of the route (the first of `routes`
 * whose path matches, else `fallback`) and answers 413 itself beyond that,
 * from the Content-Length before reading when there is one (the validated
 * router would otherwise turn every parser error into a 400).
 */
export function jsonBodyParser(
  routes: Array<{ path: RegExp; bodyLimit: BodyLimit }>,
  fallback: BodyLimit,
): express.RequestHandler {
  const parsers = new Map<BodyLimit, express.RequestHandler>();
  const parserFor = (bodyLimit: BodyLimit) => {
    let parse = parsers.get(bodyLimit);
    if (!parse) {
      parse = express.json({ limit: bodyLimit.limit });
      parsers.set(bodyLimit, parse);
    }
    return parse;
  };
  return (req, res, next) => {
    const bodyLimit =
      routes.find(route => route.path.test(req.path))?.bodyLimit ?? fallback;
    parserFor(bodyLimit)(req, res, (error?: any) => {
      if (error?.type === 'entity.too.large') {
        sendInvalid(
          req,
          res,
          413,
          'PayloadTooLargeError',
          `Request bodies may be at most ${bodyLimit.limit} bytes (${bodyLimit.configKey}); ${bodyLimit.advice}`,
        );
        return;
      }
      next(error);
    });
  };
}
